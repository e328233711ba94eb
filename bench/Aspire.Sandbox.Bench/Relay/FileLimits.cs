using System.Runtime.InteropServices;

namespace Aspire.Sandbox.Bench.Relay;

/// <summary>Raises this process's open-file limit to its hard limit (children inherit it): ten thousand sockets need it.</summary>
internal static class FileLimits
{
    private const int RlimitNoFile = 7;

    public static ulong RaiseToHardLimit()
    {
        if (!OperatingSystem.IsLinux()) return 0;
        if (GetLimit(RlimitNoFile, out var limit) != 0) return 0;
        limit.Current = limit.Maximum;
        SetLimit(RlimitNoFile, ref limit);
        return GetLimit(RlimitNoFile, out limit) == 0 ? limit.Current : 0;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct ResourceLimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    [DllImport("libc", EntryPoint = "getrlimit")]
    private static extern int GetLimit(int resource, out ResourceLimit limit);

    [DllImport("libc", EntryPoint = "setrlimit")]
    private static extern int SetLimit(int resource, ref ResourceLimit limit);
}
