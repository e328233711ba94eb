using System.Diagnostics;

namespace Aspire.Sandbox.Bench.Relay;

/// <summary>A process the benchmark started (redis-server, the Web): its CPU time and memory, and stopping it by its own id.</summary>
public sealed class ChildProcess(Process process) : IAsyncDisposable
{
    private const double ClockTicksPerSecond = 100; // USER_HZ on Linux

    public int Id => process.Id;

    /// <summary>User + system CPU seconds so far (from /proc/&lt;pid&gt;/stat).</summary>
    public double CpuSeconds()
    {
        var stat = File.ReadAllText($"/proc/{process.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11]) + long.Parse(fields[12])) / ClockTicksPerSecond;
    }

    /// <summary>Resident memory in bytes (VmRSS).</summary>
    public long ResidentBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        return 0;
    }

    public static ChildProcess Start(ProcessStartInfo info)
    {
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        var process = Process.Start(info) ?? throw new InvalidOperationException($"{info.FileName} did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) Console.Error.WriteLine($"  [{info.FileName}] {line}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ChildProcess(process);
    }

    public bool HasExited => process.HasExited;

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }
}
