using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;

/// <summary>
/// Which AppHost process a sandbox container belongs to, as its <c>aspire-sandbox.app</c> label says:
/// <c>{machine}.{pid}.{process start, Unix ms}.{app}</c>. The start time tells a reused PID from the original; the
/// last part tells apart the apps one process builds (tests start several side by side).
/// </summary>
internal sealed record SandboxOwner(string Machine, int Pid, long StartedAtMs)
{
    public static SandboxOwner Current { get; } = Of(Process.GetCurrentProcess()) ?? new(Environment.MachineName, Environment.ProcessId, 0);

    /// <summary>A label for one app of this process.</summary>
    public string NewLabel() =>
        string.Create(CultureInfo.InvariantCulture, $"{Machine}.{Pid}.{StartedAtMs}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}");

    /// <summary>Null for labels of another shape (a worker started by hand, an older run): those are left alone.</summary>
    public static SandboxOwner? Parse(string label)
    {
        var parts = label.Split('.');
        return parts.Length >= 4
            && int.TryParse(parts[^3], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            && long.TryParse(parts[^2], NumberStyles.None, CultureInfo.InvariantCulture, out var started)
            ? new SandboxOwner(string.Join('.', parts[..^3]), pid, started)
            : null;
    }

    /// <summary>True when this machine no longer runs the AppHost that made the label.</summary>
    public bool IsGone()
    {
        if (Machine != Environment.MachineName) return false;
        try
        {
            using var process = Process.GetProcessById(Pid);
            return Of(process)?.StartedAtMs != StartedAtMs;
        }
        catch (ArgumentException)
        {
            return true; // no such process
        }
    }

    private static SandboxOwner? Of(Process process)
    {
        try
        {
            return new SandboxOwner(Environment.MachineName, process.Id, new DateTimeOffset(process.StartTime.ToUniversalTime()).ToUnixTimeMilliseconds());
        }
        catch (InvalidOperationException)
        {
            return null; // exited meanwhile
        }
    }
}
