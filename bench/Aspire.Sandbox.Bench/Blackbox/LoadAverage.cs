namespace Aspire.Sandbox.Bench.Blackbox;

/// <summary>The machine's load average (1, 5 and 15 minutes) as the kernel reports it.</summary>
public static class LoadAverage
{
    public static string Read() => string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
}
