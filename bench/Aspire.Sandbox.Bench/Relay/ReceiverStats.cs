namespace Aspire.Sandbox.Bench.Relay;

/// <summary>What one receiver (a hub viewer or a bare Redis subscriber) got: frames in the window, and frames out of order or repeated.</summary>
public sealed class ReceiverStats
{
    private long _inWindow;
    private long _disordered;
    private long _lastMs;
    private long _lastSeq = -1;

    public long InWindow => Interlocked.Read(ref _inWindow);
    public long Disordered => Interlocked.Read(ref _disordered);

    /// <summary>One frame, its id as ms-seq and its source time; only called from the receiver's own loop.</summary>
    public void Frame(long ms, long seq, long ts, long now, Window? window, LatencyHistogram latencies)
    {
        if (ms < _lastMs || (ms == _lastMs && seq <= _lastSeq)) Interlocked.Increment(ref _disordered);
        (_lastMs, _lastSeq) = (ms, seq);
        if (window is null || !window.Contains(ts)) return;
        Interlocked.Increment(ref _inWindow);
        latencies.Record(now - ts);
    }
}
