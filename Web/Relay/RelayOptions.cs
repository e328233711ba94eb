namespace Aspire.Sandbox.Web.Relay;

/// <summary>How the hub relays frames (section <c>Sandbox:Relay</c>).</summary>
public sealed class RelayOptions
{
    public const string SectionName = "Sandbox:Relay";

    /// <summary>
    /// Bytes of live frames a viewer may have waiting behind its connection. Past it the viewer is cut off
    /// (close message <c>slow-consumer</c>, reconnect allowed): it resumes from its last id, and nobody else waits.
    /// </summary>
    public long MaxViewerBacklogBytes { get; set; } = 8L * 1024 * 1024;

    /// <summary>Frames per message while a viewer catches up from the stream.</summary>
    public int ReplayPageSize { get; set; } = 500;

    /// <summary>Most frames per live batch (one message to every viewer).</summary>
    public int MaxLiveBatchFrames { get; set; } = 2_000;

    /// <summary>
    /// How often a live feed compares itself with the stream. Pub/sub can lose the last messages before a quiet
    /// spell without any later message showing the gap; this (and every Redis reconnect) finds them.
    /// </summary>
    public TimeSpan LiveCheckInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Live messages a feed holds before it drops them and reads the stream instead.</summary>
    public int InboundCapacity { get; set; } = 4_096;

    /// <summary>
    /// A feed with many viewers waits this long per viewer after each batch before it sends the next, so a
    /// batch carries more frames and each viewer gets fewer, larger messages (the fan-out costs a write and a
    /// send per viewer per message). Only from 1 ms up (200 viewers at the default), capped by
    /// <see cref="MaxFanOutLinger"/>; a session with few viewers gets every frame at once.
    /// </summary>
    public TimeSpan FanOutLingerPerViewer { get; set; } = TimeSpan.FromMicroseconds(5);

    public TimeSpan MaxFanOutLinger { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Sessions one connection may watch at once.</summary>
    public int MaxSubscriptionsPerConnection { get; set; } = 64;
}
