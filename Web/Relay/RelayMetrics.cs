using System.Diagnostics.Metrics;

namespace Aspire.Sandbox.Web.Relay;

/// <summary>The relay's instruments (meter <c>Aspire.Sandbox.Web.Relay</c>, picked up by ServiceDefaults' wildcard).</summary>
public sealed class RelayMetrics
{
    public const string MeterName = "Aspire.Sandbox.Web.Relay";

    private readonly Counter<long> _delivered;
    private readonly Counter<long> _filled;
    private readonly Counter<long> _gaps;
    private readonly Counter<long> _slowConsumers;
    private readonly UpDownCounter<long> _viewers;
    private readonly UpDownCounter<long> _feeds;

    public RelayMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _delivered = meter.CreateCounter<long>("sandbox.relay.frames.delivered", "{frame}", "Frames handed to viewers' connections (frames × viewers).");
        _filled = meter.CreateCounter<long>("sandbox.relay.frames.filled", "{frame}", "Frames read from the stream because pub/sub did not bring them.");
        _gaps = meter.CreateCounter<long>("sandbox.relay.gaps", "{gap}", "Live messages that showed a gap (or could not be read).");
        _slowConsumers = meter.CreateCounter<long>("sandbox.relay.slow_consumer.disconnects", "{connection}", "Viewers cut off for falling too far behind.");
        _viewers = meter.CreateUpDownCounter<long>("sandbox.relay.viewers", "{viewer}", "Subscriptions of connections to sessions.");
        _feeds = meter.CreateUpDownCounter<long>("sandbox.relay.feeds", "{session}", "Sessions with a live Redis subscription on this instance.");
    }

    public void FramesRelayed(int frames, int viewers) => _delivered.Add((long)frames * viewers);
    public void FramesFilled(int frames) => _filled.Add(frames);
    public void GapDetected() => _gaps.Add(1);
    public void SlowConsumerCut() => _slowConsumers.Add(1);
    public void ViewerAdded(int delta) => _viewers.Add(delta);
    public void FeedAdded(int delta) => _feeds.Add(delta);
}
