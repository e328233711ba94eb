using System.Globalization;

namespace Aspire.Sandbox.Bench.Relay;

/// <summary>
/// Where the machine's CPU went during a cell (% of one core): the benchmark process (injector and viewers),
/// Redis, and everything else on the machine — on a shared 2-core box that last share explains a lot of noise.
/// </summary>
public sealed record CpuShares(double Bench, double Redis, double Machine)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"bench {Bench:0} %, redis {Redis:0} %, machine {Machine:0} % of 200");

    /// <summary>Starts measuring; the returned function gives the shares since then.</summary>
    public static Func<CpuShares> Measure(ChildProcess redis)
    {
        var bench = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        var redisBefore = redis.CpuSeconds();
        var (busy, total) = MachineTicks();
        var wall = System.Diagnostics.Stopwatch.StartNew();
        return () =>
        {
            var seconds = wall.Elapsed.TotalSeconds;
            var (busyNow, totalNow) = MachineTicks();
            return new CpuShares(
                (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - bench).TotalSeconds / seconds * 100,
                (redis.CpuSeconds() - redisBefore) / seconds * 100,
                (busyNow - busy) / (double)Math.Max(1, totalNow - total) * 100 * Environment.ProcessorCount);
        };
    }

    /// <summary>Busy and total jiffies of all CPUs (/proc/stat).</summary>
    private static (long Busy, long Total) MachineTicks()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
        var idle = fields[3] + fields[4];
        var total = fields.Sum();
        return (total - idle, total);
    }
}
