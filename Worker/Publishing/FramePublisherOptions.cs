namespace Aspire.Sandbox.Worker.Publishing;

/// <summary>How the worker hands frames to Redis (section <c>Sandbox:Publishing</c>).</summary>
public sealed class FramePublisherOptions
{
    public const string SectionName = "Sandbox:Publishing";

    /// <summary>
    /// Frames waiting for Redis (it is slow or unreachable) may hold this many bytes. Past it, process output
    /// is dropped and an <c>error</c> frame (<c>output-dropped</c>) says how much, in its place; frames of the
    /// platform itself (status, process-exit, …) are always kept.
    /// </summary>
    public long MaxBufferedBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Most frames taken from the queue per round (they are then appended per session).</summary>
    public int MaxBatchFrames { get; set; } = 1024;

    /// <summary>Most bytes of frames per append call, so one script never holds Redis (or a subscriber's buffer) long.</summary>
    public int MaxCallBytes { get; set; } = 256 * 1024;
}
