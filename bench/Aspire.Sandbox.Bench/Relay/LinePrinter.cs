namespace Aspire.Sandbox.Bench.Relay;

/// <summary>
/// The agent of the whole-path figure: prints <c>T &lt;µs since epoch&gt; &lt;n&gt;</c> lines at a set rate, each
/// flushed on its own, with python3 from the sandbox image. The same program runs through the app and
/// straight through <c>docker exec</c>.
/// </summary>
public static class LinePrinter
{
    public const string Script = """
        import sys, time
        rate, seconds = int(sys.argv[1]), float(sys.argv[2])
        start = time.monotonic()
        for i in range(int(rate * seconds)):
            wait = start + i / rate - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            sys.stdout.write("T %d %d\n" % (time.time_ns() // 1000, i))
            sys.stdout.flush()
        """;

    public static string[] Command(int rate, TimeSpan duration) =>
        ["python3", "-u", "-c", Script, rate.ToString(System.Globalization.CultureInfo.InvariantCulture),
         duration.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)];

    /// <summary>Finds every printed stamp in raw text (JSON-escaped or not) and records its latency; returns how many.</summary>
    public static int Record(ReadOnlySpan<byte> text, long nowMicros, LatencyHistogram latencies)
    {
        var found = 0;
        while (true)
        {
            var at = text.IndexOf("T 1"u8);
            if (at < 0) return found;
            text = text[(at + 2)..];
            long stamp = 0;
            var digits = 0;
            for (; digits < text.Length && (uint)(text[digits] - '0') <= 9; digits++) stamp = stamp * 10 + (text[digits] - '0');
            if (digits < 16 || digits >= text.Length || text[digits] != (byte)' ') continue;
            latencies.Record(nowMicros - stamp);
            found++;
            text = text[digits..];
        }
    }
}
