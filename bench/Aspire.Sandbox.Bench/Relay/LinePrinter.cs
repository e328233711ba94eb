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

    /// <summary>
    /// Like <see cref="Record"/> for a hub <c>frames</c> message, and also splits each line's latency at the
    /// frame's <c>ts</c> (when the worker read the output): sandbox → worker, and worker → viewer.
    /// </summary>
    public static void RecordSplit(ReadOnlySpan<byte> record, long nowMicros, LatencyHistogram total, LatencyHistogram toWorker, LatencyHistogram toViewer)
    {
        while (true)
        {
            var start = record.IndexOf("{\"id\":\""u8);
            if (start < 0) return;
            record = record[(start + 1)..];
            var next = record.IndexOf("{\"id\":\""u8);
            var frame = next < 0 ? record : record[..next];
            var tsAt = frame.LastIndexOf("\"ts\":"u8);
            if (frame.IndexOf("\"type\":\"stdout\""u8) >= 0 && tsAt >= 0)
            {
                long ts = 0;
                foreach (var b in frame[(tsAt + 5)..])
                {
                    if ((uint)(b - '0') > 9) break;
                    ts = ts * 10 + (b - '0');
                }
                var lines = Record(frame, nowMicros, total);
                for (var i = 0; i < lines; i++) toViewer.Record(nowMicros - ts);
                Record(frame, ts, toWorker);
            }
            if (next < 0) return;
            record = record[next..];
        }
    }

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
