namespace Aspire.Hosting.Dashboard.Metrics;

/// <summary>
/// Estimates a quantile from cumulative histogram buckets the way Prometheus' <c>histogram_quantile</c> does:
/// find the bucket the rank falls in and interpolate linearly within it. Only as precise as the buckets.
/// </summary>
internal static class HistogramQuantile
{
    /// <param name="buckets">Upper bounds (<c>le</c>, the last +Inf) with cumulative counts, in increasing order.</param>
    /// <returns>null when there is nothing to estimate from (no buckets, no observations).</returns>
    public static double? Estimate(IReadOnlyList<(double UpperBound, double Cumulative)> buckets, double quantile)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quantile, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quantile, 1);
        if (buckets.Count == 0 || buckets[^1].Cumulative <= 0) return null;

        var rank = quantile * buckets[^1].Cumulative;
        var i = 0;
        while (i < buckets.Count - 1 && buckets[i].Cumulative < rank) i++;
        var (upper, cumulative) = buckets[i];
        // Past the highest finite bound all that is known is "more than it".
        if (double.IsPositiveInfinity(upper)) return i > 0 ? buckets[i - 1].UpperBound : null;
        // The first bucket's lower bound is taken as 0 (durations and sizes), unless it is itself at or below 0.
        var (lower, below) = i > 0 ? buckets[i - 1] : (Math.Min(0, upper), 0);
        if (i == 0 && upper <= 0) return upper;
        var inBucket = cumulative - below;
        return inBucket <= 0 ? upper : lower + (upper - lower) * (rank - below) / inBucket;
    }
}
