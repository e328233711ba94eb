using System.Globalization;

namespace Aspire.Sandbox.Bench.Relay;

/// <summary>The figures of one cell of the matrix (one rate × viewer count), for the relay or its floor.</summary>
public sealed record CellResult(
    double P50Ms, double P99Ms, double MaxMs, double DeliveredPerSecond, long Expected, long Lost, long Disordered,
    double? WebCpuPercent, long? WebResidentBytes, CpuShares Cpu)
{
    public static CellResult From(LatencyHistogram latencies, IEnumerable<ReceiverStats> receivers, long expected, Window window, double? webCpu, long? rss, CpuShares cpu)
    {
        var stats = receivers.ToList();
        var delivered = stats.Sum(s => s.InWindow);
        return new CellResult(latencies.PercentileMs(0.5), latencies.PercentileMs(0.99), latencies.MaxMs,
            delivered / window.Seconds, expected, Math.Max(0, expected - delivered), stats.Sum(s => s.Disordered), webCpu, rss, cpu);
    }

    public string Latency => $"p50 {F(P50Ms)} / p99 {F(P99Ms)} / max {F(MaxMs)} ms";

    public string Summary =>
        $"{Latency}; {DeliveredPerSecond.ToString("N0", CultureInfo.InvariantCulture)} delivered/s; lost {Lost.ToString("N0", CultureInfo.InvariantCulture)}" +
        (Disordered > 0 ? $"; {Disordered} out of order" : "") +
        (WebCpuPercent is { } cpu ? $"; web {cpu.ToString("0", CultureInfo.InvariantCulture)} % CPU, {(WebResidentBytes ?? 0) / (1024 * 1024)} MiB" : "");

    public static string F(double ms) => double.IsNaN(ms) ? "—" : ms.ToString(ms < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture);
}
