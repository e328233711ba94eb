using System.Runtime.InteropServices;

namespace Aspire.Sandbox.TestSupport;

/// <summary>Sends a signal to a process this test started (.NET itself only sends SIGKILL).</summary>
public static class PosixSignals
{
    public const int SIGTERM = 15;

    public static void Terminate(int pid)
    {
        if (Kill(pid, SIGTERM) != 0) throw new InvalidOperationException($"kill({pid}, SIGTERM) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
