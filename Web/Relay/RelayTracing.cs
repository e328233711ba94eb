using System.Diagnostics;
using Aspire.Sandbox.Contracts.Frames;
using Aspire.Sandbox.Contracts.Sessions;
using StackExchange.Redis;

namespace Aspire.Sandbox.Web.Relay;

/// <summary>
/// The Web's spans (source <c>Aspire.Sandbox.Web</c>, picked up by ServiceDefaults' wildcard): a session's trace ends in
/// the relay, with one span "relay first frames" when a feed of this instance first hands frames of the session to
/// viewers. The span's parent is the trace the Api stored in the session's record (its <c>trace</c> field), read once
/// when the feed starts, beside the feed's own start-up reads; the span is recorded afterwards, off the frame path,
/// with explicit start and end times. A run's frames are not told apart here (that would mean looking into every
/// frame); a run's trace reaches the Web when the run is started through it (<c>/app</c>, over HTTP).
/// </summary>
public sealed class RelayTracing(SessionStore sessions)
{
    public const string SourceName = "Aspire.Sandbox.Web";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>A new feed's trace, or null when nobody records spans (then nothing is read either).</summary>
    internal RelayTrace? ForFeed(string sessionId) =>
        Source.HasListeners() ? new RelayTrace(sessionId, ReadTraceParentAsync(sessionId)) : null;

    private async Task<string?> ReadTraceParentAsync(string sessionId)
    {
        try
        {
            return await sessions.GetTraceParentAsync(sessionId);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return null; // no span then; the frames go on regardless
        }
    }

    /// <summary>One feed's part of its session's trace.</summary>
    internal sealed class RelayTrace(string sessionId, Task<string?> traceParent)
    {
        private bool _relayed;

        /// <summary>
        /// Called by the feed's loop after each batch it hands out: the first one with viewers is traced, every later
        /// call is one field read.
        /// </summary>
        public void Relayed(LiveBatch batch, int viewers)
        {
            if (_relayed || viewers == 0) return;
            _relayed = true;
            _ = RecordAsync(batch.Frames[0], batch.Frames.Count, viewers, DateTime.UtcNow);
        }

        /// <summary>
        /// The span runs from the first frame's <c>ts</c> (set by its source) to the moment the relay handed it to its
        /// viewers' connections: that frame's way through Redis and the relay, as the latency histogram measures it.
        /// </summary>
        private async Task RecordAsync(RawFrame first, int frames, int viewers, DateTime handedAt)
        {
            await Task.Yield(); // never on the feed's loop
            if (await traceParent is not { } parentId || !ActivityContext.TryParse(parentId, null, isRemote: true, out var parent)) return;
            var start = FrameTimestamp.TryRead(first.Json, out var ts)
                ? DateTime.UnixEpoch.AddTicks(Math.Min(ts * 10, handedAt.Ticks - DateTime.UnixEpoch.Ticks))
                : handedAt;
            System.Diagnostics.Activity.Current = null;
            using var activity = Source.StartActivity("relay first frames", ActivityKind.Consumer, parent,
                startTime: new DateTimeOffset(start, TimeSpan.Zero));
            if (activity is null) return;
            if (activity.IsAllDataRequested)
            {
                activity.SetTag("sandbox.session.id", sessionId);
                activity.SetTag("sandbox.frame.id", first.Id.ToString());
                activity.SetTag("sandbox.relay.frames", frames);
                activity.SetTag("sandbox.relay.viewers", viewers);
            }
            activity.SetEndTime(handedAt);
        }
    }
}
