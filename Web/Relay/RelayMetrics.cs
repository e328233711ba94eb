using System.Diagnostics.Metrics;
using Aspire.Sandbox.Contracts.Frames;

namespace Aspire.Sandbox.Web.Relay;

/// <summary>The relay's instruments (meter <c>Aspire.Sandbox.Web.Relay</c>, picked up by ServiceDefaults' wildcard).</summary>
public sealed class RelayMetrics
{
    public const string MeterName = "Aspire.Sandbox.Web.Relay";

    /// <summary>Seconds; a frame normally arrives within milliseconds, a gap filled from the stream or a stalled Redis takes longer.</summary>
    private static readonly double[] LatencyBuckets = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Counter<long> _delivered;
    private readonly Counter<long> _filled;
    private readonly Counter<long> _gaps;
    private readonly Counter<long> _slowConsumers;
    private readonly UpDownCounter<long> _viewers;
    private readonly UpDownCounter<long> _feeds;
    private readonly Histogram<double> _latency;
    private readonly UpDownCounter<long> _connections;

    public RelayMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _delivered = meter.CreateCounter<long>("sandbox.relay.frames.delivered", "{frame}", "Frames handed to viewers' connections (frames × viewers).");
        _filled = meter.CreateCounter<long>("sandbox.relay.frames.filled", "{frame}", "Frames read from the stream because pub/sub did not bring them.");
        _gaps = meter.CreateCounter<long>("sandbox.relay.gaps", "{gap}", "Live messages that showed a gap (or could not be read).");
        _slowConsumers = meter.CreateCounter<long>("sandbox.relay.slow_consumer.disconnects", "{connection}", "Viewers cut off for falling too far behind.");
        _viewers = meter.CreateUpDownCounter<long>("sandbox.relay.viewers", "{viewer}", "Subscriptions of connections to sessions.");
        _feeds = meter.CreateUpDownCounter<long>("sandbox.relay.feeds", "{session}", "Sessions with a live Redis subscription on this instance.");
        _latency = meter.CreateHistogram("sandbox.relay.frame.latency", "s",
            "From a frame's ts (set by its source) to the relay handing it to its viewers' connections; once per frame, whatever the viewers.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        _connections = meter.CreateUpDownCounter<long>("sandbox.hub.connections", "{connection}", "Connections to the sessions hub.");
    }

    /// <summary>A live batch handed to its viewers. Replayed history is not counted: its age is not latency.</summary>
    public void FramesRelayed(IReadOnlyList<RawFrame> frames, int viewers)
    {
        _delivered.Add((long)frames.Count * viewers);
        if (viewers == 0 || !_latency.Enabled) return;
        var now = FrameClock.NowMicroseconds();
        foreach (var frame in frames)
            if (FrameTimestamp.TryRead(frame.Json, out var ts)) _latency.Record(Math.Max(0, now - ts) / 1e6);
    }

    public void FramesFilled(int frames) => _filled.Add(frames);
    public void GapDetected() => _gaps.Add(1);
    public void SlowConsumerCut() => _slowConsumers.Add(1);
    public void ViewerAdded(int delta) => _viewers.Add(delta);
    public void FeedAdded(int delta) => _feeds.Add(delta);
    public void ConnectionAdded(int delta) => _connections.Add(delta);
}
