using System.Globalization;
using System.Security.Cryptography;

/// <summary>
/// Which AppHost process a sandbox container belongs to, as its <c>aspire-sandbox.app</c> label says:
/// <c>{machine}.{pid}.{process start}.{app}</c>. The start tells a reused PID from the original; the last part tells
/// apart the apps one process builds (tests start several side by side).
/// </summary>
/// <remarks>
/// The start is the kernel's own record (<c>/proc/{pid}/stat</c>, clock ticks since boot), never a wall-clock time
/// worked out from it: .NET's <c>Process.StartTime</c> is derived from the current time and the uptime, so two
/// readings of one live process can differ by milliseconds, and a reaper comparing them took live apps for dead ones
/// and removed their sandboxes mid-run.
/// </remarks>
public sealed record SandboxOwner(string Machine, int Pid, long StartTicks)
{
    public static SandboxOwner Current { get; } = new(Environment.MachineName, Environment.ProcessId, StartTicksOf(Environment.ProcessId) ?? 0);

    /// <summary>A label for one app of this process.</summary>
    public string NewLabel() =>
        string.Create(CultureInfo.InvariantCulture, $"{Machine}.{Pid}.{StartTicks}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}");

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
    public bool IsGone() => Machine == Environment.MachineName && StartTicksOf(Pid) != StartTicks;

    /// <summary>Field 22 of <c>/proc/{pid}/stat</c>; null when there is no such process.</summary>
    public static long? StartTicksOf(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // The command name (field 2) is in parentheses and may hold spaces or ')': count fields after the last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[22 - 3], NumberStyles.None, CultureInfo.InvariantCulture);
    }
}
