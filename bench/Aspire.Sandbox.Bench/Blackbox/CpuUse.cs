using System.Globalization;

namespace Aspire.Sandbox.Bench.Blackbox;

/// <summary>
/// CPU used over a stretch of time by the app's processes (by service) and by the whole machine, from /proc: where
/// the cores went while the lines were flowing.
/// </summary>
public sealed class CpuUse
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux
    private static readonly string[] Services = ["Aspire.Sandbox.Web", "Aspire.Sandbox.Worker", "Aspire.Sandbox.Api", "Aspire.Sandbox.AppHost", "Aspire.Dashboard", "redis-server", "dcp"];
    private readonly IReadOnlyList<ProcessTable.Entry> _processes;
    private readonly (long Busy, long Total) _machine;
    private readonly DateTime _at = DateTime.UtcNow;

    private CpuUse(IReadOnlyList<ProcessTable.Entry> processes) => (_processes, _machine) = (processes, Machine());

    /// <summary>Starts counting for <paramref name="pids"/> (and what runs below them).</summary>
    public static CpuUse Start(IEnumerable<int> pids)
    {
        var all = ProcessTable.All();
        return new CpuUse(ProcessTable.WithDescendants(all, pids));
    }

    /// <summary>% of one core per service since the start, and the machine's busy share of all its cores.</summary>
    public string Summary()
    {
        var seconds = (DateTime.UtcNow - _at).TotalSeconds;
        var byService = new Dictionary<string, double>();
        foreach (var before in _processes)
        {
            if (ProcessTable.Find(before.Pid) is not { } now || now.StartTicks != before.StartTicks) continue;
            var name = Name(before.CommandLine);
            byService[name] = byService.GetValueOrDefault(name) + (now.CpuTicks - before.CpuTicks) / TicksPerSecond / seconds * 100;
        }
        var (busy, total) = Machine();
        var machine = (double)(busy - _machine.Busy) / Math.Max(1, total - _machine.Total) * 100 * Environment.ProcessorCount;
        return string.Join(", ", byService.Where(s => s.Value >= 0.5).OrderByDescending(s => s.Value).Select(s => $"{s.Key} {P(s.Value)} %")) +
            $"; machine {P(machine)} % of {Environment.ProcessorCount * 100} %";
    }

    /// <summary>The service a process is, by its program (and, for <c>dotnet x.dll</c>, its assembly); not by its arguments.</summary>
    private static string Name(string commandLine)
    {
        var program = string.Join(' ', commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2));
        return Services.FirstOrDefault(s => program.Contains(s, StringComparison.Ordinal)) ?? Path.GetFileName(commandLine.Split(' ')[0]);
    }

    private static (long Busy, long Total) Machine()
    {
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
            .Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var total = cpu.Sum();
        return (total - cpu[3] - cpu[4], total); // idle and iowait are not busy
    }

    private static string P(double percent) => percent.ToString("0", CultureInfo.InvariantCulture);
}
