using System.Runtime.InteropServices;

namespace Aspire.Sandbox.TestSupport;

/// <summary>Sends a signal to a process this test started (.NET itself only sends SIGKILL).</summary>
public static class PosixSignals
{
    public const int SIGTERM = 15;

    public static void Terminate(int pid) => Send(pid, SIGTERM);

    /// <summary>SIGTERM to every process of the group <paramref name="processGroupId"/> at once.</summary>
    public static void TerminateGroup(int processGroupId) => Send(-processGroupId, SIGTERM);

    private static void Send(int pid, int signal)
    {
        if (Kill(pid, signal) != 0) throw new InvalidOperationException($"kill({pid}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
