using System.Runtime.InteropServices;

namespace Aspire.Hosting.Orchestration;

internal static partial class NativeMethods
{
    public const int SIGTERM = 15;

    /// <summary>
    /// Process.Kill sends SIGKILL; a graceful stop needs SIGTERM, which .NET hosts turn into an orderly
    /// shutdown (hosted services stopped, telemetry flushed) and redis-server into a clean exit.
    /// </summary>
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int Kill(int pid, int signal);
}
