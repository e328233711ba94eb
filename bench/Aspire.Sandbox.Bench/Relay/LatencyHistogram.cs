using System.Numerics;

namespace Aspire.Sandbox.Bench.Relay;

/// <summary>
/// Latencies in microseconds, recorded from many threads at millions a second: exact below 128 µs, then 64
/// buckets per power of two (about 1.5 % resolution), exact maximum.
/// </summary>
public sealed class LatencyHistogram
{
    private const int Exact = 128;
    private const int SubBuckets = 64;
    private readonly long[] _counts = new long[Exact + 58 * SubBuckets];
    private long _total;
    private long _max;

    public long Count => Interlocked.Read(ref _total);
    public double MaxMs => Interlocked.Read(ref _max) / 1000.0;

    public void Record(long micros)
    {
        if (micros < 0) micros = 0;
        Interlocked.Increment(ref _counts[Index(micros)]);
        Interlocked.Increment(ref _total);
        long max;
        while (micros > (max = Interlocked.Read(ref _max)) && Interlocked.CompareExchange(ref _max, micros, max) != max) { }
    }

    public double PercentileMs(double p)
    {
        var total = Count;
        if (total == 0) return double.NaN;
        var rank = (long)Math.Ceiling(p * total);
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += Interlocked.Read(ref _counts[i]);
            if (seen >= rank) return Math.Min(Middle(i), Interlocked.Read(ref _max)) / 1000.0;
        }
        return MaxMs;
    }

    private static int Index(long micros)
    {
        if (micros < Exact) return (int)micros;
        var msb = 63 - BitOperations.LeadingZeroCount((ulong)micros); // ≥ 7
        var mantissa = (int)(micros >> (msb - 6)) - SubBuckets;      // 0..63
        return Exact + (msb - 7) * SubBuckets + mantissa;
    }

    private static double Middle(int index)
    {
        if (index < Exact) return index;
        var msb = (index - Exact) / SubBuckets + 7;
        var mantissa = (index - Exact) % SubBuckets + SubBuckets;
        var low = (long)mantissa << (msb - 6);
        return low + (1L << (msb - 6)) / 2.0;
    }
}
