using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Aspire.Hosting.Orchestration;

/// <summary>
/// A process the AppHost started: its output read line by line, a graceful stop (SIGTERM, then SIGKILL
/// after a grace period), and a last-resort kill of every child still alive when the AppHost process exits.
/// Only processes started here are ever signalled.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private static readonly ConcurrentDictionary<int, Process> s_alive = new();
    private static readonly TimeSpan OutputDrainTimeout = TimeSpan.FromSeconds(2);

    // Each child runs in a session of its own (setsid execs in place: same PID), so Ctrl+C on a terminal reaches
    // only the AppHost, which stops the children in reverse dependency order: Redis outlives the worker that is
    // still recording its sessions' end. Without setsid, children share the terminal's signals.
    private static readonly string? s_setsid = OperatingSystem.IsLinux() && File.Exists("/usr/bin/setsid") ? "/usr/bin/setsid" : null;

    private readonly Process _process;
    private readonly Task _pumps;

    static ChildProcess() => AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();

    private ChildProcess(Process process, Action<string, bool> onLine)
    {
        _process = process;
        Pid = process.Id;
        s_alive[Pid] = process;
        _pumps = Task.WhenAll(
            PumpAsync(process.StandardOutput, line => onLine(line, false)),
            PumpAsync(process.StandardError, line => onLine(line, true)));
    }

    public int Pid { get; }

    public bool HasExited => _process.HasExited;

    public static ChildProcess Start(ProcessLaunch launch, IReadOnlyDictionary<string, string> environment, Action<string, bool> onLine)
    {
        // Through setsid a missing program would start (setsid) and exit; refuse it here, as Process.Start does.
        if (s_setsid is not null && !CanRun(launch.FileName, launch.WorkingDirectory))
        {
            throw new Win32Exception(2); // ENOENT: "No such file or directory"
        }

        var startInfo = new ProcessStartInfo(s_setsid ?? launch.FileName)
        {
            WorkingDirectory = launch.WorkingDirectory,
            UseShellExecute = false,
            // Piped, so children never touch the AppHost's terminal (no colour codes, no echo changes).
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        if (s_setsid is not null)
        {
            startInfo.ArgumentList.Add(launch.FileName);
        }

        foreach (var argument in launch.Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            startInfo.Environment[key] = value;
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {launch.FileName}.");
        process.StandardInput.Close();
        return new ChildProcess(process, onLine);
    }

    private static bool CanRun(string fileName, string workingDirectory) =>
        fileName.Contains('/', StringComparison.Ordinal)
            ? File.Exists(Path.Combine(workingDirectory, fileName))
            : (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
                .Any(directory => File.Exists(Path.Combine(directory, fileName)));

    /// <summary>Completes with the exit code once the process has exited and its output is read.</summary>
    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        s_alive.TryRemove(Pid, out _);
        // A grandchild that inherited the pipes could keep them open forever; don't wait for it.
        await _pumps.WaitAsync(OutputDrainTimeout, CancellationToken.None).ContinueWith(static _ => { }, TaskScheduler.Default).ConfigureAwait(false);
        return _process.ExitCode;
    }

    /// <summary>SIGTERM, then SIGKILL if still running after <paramref name="gracePeriod"/>.</summary>
    public async Task<int> StopAsync(TimeSpan gracePeriod)
    {
        if (!_process.HasExited)
        {
            if (OperatingSystem.IsWindows())
            {
                _process.Kill();
            }
            else
            {
                NativeMethods.Kill(Pid, NativeMethods.SIGTERM);
            }
        }

        using var grace = new CancellationTokenSource(gracePeriod);
        try
        {
            return await WaitForExitAsync(grace.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill();
            return await WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    public void Kill()
    {
        try
        {
            _process.Kill();
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    public void Dispose()
    {
        s_alive.TryRemove(Pid, out _);
        _process.Dispose();
    }

    private static async Task PumpAsync(StreamReader reader, Action<string> onLine)
    {
        try
        {
            while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                onLine(line);
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // The process went away (or was disposed) mid-read: nothing more to read.
        }
    }

    private static void KillAll()
    {
        foreach (var process in s_alive.Values)
        {
            try
            {
                process.Kill();
            }
            catch (InvalidOperationException)
            {
                // Already exited.
            }
        }
    }
}
