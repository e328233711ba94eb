using System.Globalization;

namespace Aspire.Sandbox.Bench.Blackbox;

/// <summary>
/// One path's figures over its readers: latency (arrival − print stamp) of the lines printed after the warm-up, and
/// delivery over every line: lost (an n of 0..expected−1 a reader never got), duplicated (got again), out of order
/// (arrived after a higher n); lines that are not the emitter's, or an n it never prints, are garbled.
/// </summary>
public sealed record PathFigures(double P50Ms, double P99Ms, double P999Ms, double MaxMs, long Measured,
    long Expected, long Lost, long Duplicated, long OutOfOrder, long OtherLines)
{
    public static PathFigures From(IReadOnlyList<LineLog> readers, long expectedPerReader, TimeSpan warmUp) =>
        From(readers, expectedPerReader, warmUp, (log, i) => log.RecvUs[i] - log.PrintUs[i]);

    /// <summary>The same, with the latency of each line chosen by <paramref name="latencyUs"/> (e.g. one hop of it).</summary>
    public static PathFigures From(IReadOnlyList<LineLog> readers, long expectedPerReader, TimeSpan warmUp, Func<LineLog, int, long> latencyUs)
    {
        var firstPrint = readers.SelectMany(r => r.PrintUs).DefaultIfEmpty(0).Min();
        var measuredFrom = firstPrint + (long)warmUp.TotalMicroseconds;
        var latencies = new List<long>();
        long lost = 0, duplicated = 0, outOfOrder = 0, strays = 0;
        foreach (var log in readers)
        {
            var seen = new bool[expectedPerReader];
            var highest = -1L;
            for (var i = 0; i < log.N.Length; i++)
            {
                var n = log.N[i];
                if (n < 0 || n >= expectedPerReader) { strays++; continue; }
                if (seen[n]) duplicated++;
                else if (n < highest) outOfOrder++;
                seen[n] = true;
                highest = Math.Max(highest, n);
                if (log.PrintUs[i] >= measuredFrom) latencies.Add(latencyUs(log, i));
            }
            lost += seen.Count(s => !s);
        }
        latencies.Sort();
        return new PathFigures(Percentile(latencies, 0.5), Percentile(latencies, 0.99), Percentile(latencies, 0.999),
            latencies.Count == 0 ? double.NaN : latencies[^1] / 1000.0, latencies.Count,
            expectedPerReader * readers.Count, lost, duplicated, outOfOrder, strays + readers.Sum(r => (long)r.OtherLines));
    }

    public string Latency => $"p50 {F(P50Ms)} / p99 {F(P99Ms)} / p99.9 {F(P999Ms)} / max {F(MaxMs)} ms";

    public string Delivery =>
        $"lost {Lost.ToString("N0", CultureInfo.InvariantCulture)} of {Expected.ToString("N0", CultureInfo.InvariantCulture)}, " +
        $"duplicated {Duplicated}, out of order {OutOfOrder}" + (OtherLines > 0 ? $", {OtherLines} garbled lines" : "");

    public bool Lossless => Lost == 0 && Duplicated == 0 && OutOfOrder == 0 && OtherLines == 0;

    /// <summary>Nearest rank: the smallest latency at least <paramref name="p"/> of the lines are at or under.</summary>
    private static double Percentile(List<long> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1)] / 1000.0;

    public static string F(double ms) => double.IsNaN(ms) ? "—" : ms.ToString(ms < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture);

    public static string Ratio(double ours, double floor) =>
        floor > 0 && !double.IsNaN(ours) ? (ours / floor).ToString("0.0", CultureInfo.InvariantCulture) + "×" : "—";
}
