using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Aspire.Sandbox.Bench.Relay;

/// <summary>
/// Bytes a local server sent on its established TCP connections, from the kernel's per-socket counters
/// (<c>ss -ti</c>, bytes_sent): what went on the wire, WebSocket framing included. A process's own write counters
/// miss it (.NET sends with sendmsg, which /proc/&lt;pid&gt;/io does not count).
/// </summary>
public static partial class SocketBytes
{
    public static long SentFrom(int localPort)
    {
        var info = new ProcessStartInfo("ss", ["-tinH", "state", "established", "sport", "=", $":{localPort}"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var ss = Process.Start(info) ?? throw new InvalidOperationException("ss did not start");
        var output = ss.StandardOutput.ReadToEnd();
        ss.WaitForExit();
        return BytesSent().Matches(output).Sum(m => long.Parse(m.Groups[1].ValueSpan));
    }

    [GeneratedRegex(@"bytes_sent:(\d+)")]
    private static partial Regex BytesSent();
}
