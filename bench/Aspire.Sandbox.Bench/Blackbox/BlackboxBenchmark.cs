using System.Diagnostics;
using System.Globalization;
using Aspire.Sandbox.TestSupport;

namespace Aspire.Sandbox.Bench.Blackbox;

/// <summary>
/// Issue 14, measured from outside as a user's client sees it: the app started the README's way (or one already
/// running), a <c>shell</c> session made through the REST API, a run whose process prints stamped lines at a set rate
/// (bench/blackbox/emit.py), and N viewers on the official SignalR JS client in Node (bench/blackbox/viewers.mjs) with
/// the viewer token. Floor, in the same run: the same emitter through <c>docker exec</c> in the same container, read
/// from the docker CLI's stdout by Node with the same clock and parser (bench/blackbox/floor.mjs).
/// </summary>
public sealed class BlackboxBenchmark(int rate, double seconds, int viewers)
{
    public static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan IdleWindow = TimeSpan.FromSeconds(3);

    public static BlackboxBenchmark FromEnvironment() => new(
        (int)Setting("BLACKBOX_RATE", 1_000), Setting("BLACKBOX_SECONDS", 10), (int)Setting("BLACKBOX_VIEWERS", 10));

    public async Task<IReadOnlyList<Row>> RunAsync()
    {
        var load = LoadAverage.Read();
        Console.Error.WriteLine($"  load average at start: {load}");
        await NodeScript.EnsureInstalledAsync();
        var expected = (long)(rate * seconds);
        var rows = new List<Row> { new("load average at start (1 / 5 / 15 min)", load, "—", "—", "—") };

        var app = await ReadmeApp.StartOrAttachAsync();
        if (app.StartedHere)
            rows.Add(new Row("app start: `bash scripts/start.sh` → Web and Api /health answer", $"{app.StartTime.TotalSeconds:0.0} s", "—", "—", "—"));
        try
        {
            var (whole, floor) = await MeasureAsync(app, expected);
            rows.Add(new Row(
                $"black-box whole path: {rate:N0} lines/s × {seconds:0.#} s → {viewers} official JS viewers (Node), latency after {WarmUp.TotalSeconds:0} s warm-up",
                whole.Latency, $"{floor.Latency} (docker exec, Node reading the CLI)",
                $"p50 {PathFigures.Ratio(whole.P50Ms, floor.P50Ms)}, p99 {PathFigures.Ratio(whole.P99Ms, floor.P99Ms)}, " +
                $"p99.9 {PathFigures.Ratio(whole.P999Ms, floor.P999Ms)}, max {PathFigures.Ratio(whole.MaxMs, floor.MaxMs)}",
                $"p50 ≤ 2 ms {Mark(whole.P50Ms <= 2)}, p99 ≤ 10 ms {Mark(whole.P99Ms <= 10)}, p99.9 ≤ 25 ms {Mark(whole.P999Ms <= 25)}"));
            rows.Add(new Row("black-box delivery, every line of the run", whole.Delivery, floor.Delivery, "—", $"no loss {Mark(whole.Lossless)}"));
        }
        finally
        {
            await app.DisposeAsync();
        }
        if (app.StartedHere)
            rows.Add(new Row("stop: SIGTERM to the AppHost", app.StopReport ?? "—", "—", "—", $"nothing left {Mark(app.StoppedClean)}"));
        return rows;
    }

    private async Task<(PathFigures Whole, PathFigures Floor)> MeasureAsync(ReadmeApp app, long expected)
    {
        using var http = new HttpClient { BaseAddress = app.ApiUrl, Timeout = TimeSpan.FromSeconds(30) };
        var api = new SandboxApiClient(http, app.ApiKey);
        var session = await api.CreateSessionAsync(new { template = "shell", name = "blackbox bench" }, CancellationToken.None);
        app.Track(session.Id);
        try
        {
            var status = await api.WaitForStatusAsync(session.Id, session.Token, "ready", ReadyTimeout);
            if (status != "ready") throw new InvalidOperationException($"session {session.Id} is {status}, not ready, after {ReadyTimeout}");
            var container = (await DockerOutput.ContainersAsync($"label=aspire-sandbox.session={session.Id}", "status=running")).Single();

            ViewersResult watched;
            await using (var script = NodeScript.Start("viewers.mjs", app.WebUrl, session.Id, session.ViewerToken, viewers, seconds + 60))
            {
                var subscribed = await script.NextEventAsync("subscribed", TimeSpan.FromSeconds(60));
                Console.Error.WriteLine($"  {viewers} viewers subscribed; transports: {string.Join(", ", subscribed.GetProperty("transports").EnumerateArray().Select(t => t.GetString()).Distinct())}");
                var roots = await app.ProcessRootsAsync();
                var idle = CpuUse.Start(roots);
                await Task.Delay(IdleWindow);
                Console.Error.WriteLine($"  CPU over {IdleWindow.TotalSeconds:0} s before the run, viewers connected (% of one core): {idle.Summary()}");
                var cpu = CpuUse.Start(roots);
                await api.RunAsync(session, new { command = NodeScript.EmitterCommand(rate, seconds) }, CancellationToken.None);
                watched = NodeScript.Read<ViewersResult>(await script.NextEventAsync("result", TimeSpan.FromSeconds(seconds + 90)));
                Console.Error.WriteLine($"  CPU while the run streamed (% of one core): {cpu.Summary()}; the viewers' node {watched.CpuPercent} %");
            }

            FloorResult floorRun;
            await using (var script = NodeScript.Start("floor.mjs", container, rate, seconds))
                floorRun = NodeScript.Read<FloorResult>(await script.NextEventAsync("result", TimeSpan.FromSeconds(seconds + 60)));

            var logs = watched.Viewers.Select(v => v.Lines).ToList();
            var whole = PathFigures.From(logs, expected, WarmUp);
            var floor = PathFigures.From([floorRun.Floor], expected, WarmUp);
            Explain(watched, floorRun, logs, expected);
            return (whole, floor);
        }
        finally
        {
            using var deleted = await api.SendAsync(HttpMethod.Delete, $"/api/sessions/{session.Id}", session.Token, null, CancellationToken.None);
            if (!deleted.IsSuccessStatusCode) Console.Error.WriteLine($"  DELETE session {session.Id}: {(int)deleted.StatusCode}");
        }
    }

    /// <summary>On stderr: where the whole path's time goes, split at each frame's <c>ts</c> (the worker's read time), and what the readers added.</summary>
    private static void Explain(ViewersResult watched, FloorResult floor, List<LineLog> logs, long expected)
    {
        if (watched.TimedOut) Console.Error.WriteLine("  viewers: timed out before every viewer saw process-exit");
        foreach (var v in watched.Viewers.Where(v => v.Closed is not null)) Console.Error.WriteLine($"  a viewer's connection closed: {v.Closed}");
        if (floor.ExitCode != 0) Console.Error.WriteLine($"  docker exec exited with {floor.ExitCode}");
        if (logs.All(l => l.TsUs is { } ts && ts.Length == l.N.Length))
        {
            var toWorker = PathFigures.From(logs, expected, WarmUp, (l, i) => l.TsUs![i] - l.PrintUs[i]);
            var toViewer = PathFigures.From(logs, expected, WarmUp, (l, i) => l.RecvUs[i] - l.TsUs![i]);
            Console.Error.WriteLine($"  split at the frame's ts: sandbox → worker {toWorker.Latency}; worker → viewer {toViewer.Latency}");
        }
        if (logs.All(l => l.TsUs is { } ts && l.AppendMs is { } ms && ts.Length == l.N.Length && ms.Length == l.N.Length))
        {
            // Stream ids carry Redis's clock in whole milliseconds: each side of this split is ±1 ms.
            var toRedis = PathFigures.From(logs, expected, WarmUp, (l, i) => l.AppendMs![i] * 1000 - l.TsUs![i]);
            var fromRedis = PathFigures.From(logs, expected, WarmUp, (l, i) => l.RecvUs[i] - l.AppendMs![i] * 1000);
            Console.Error.WriteLine($"  split at the stream id (±1 ms): worker → Redis append {toRedis.Latency}; Redis append → viewer {fromRedis.Latency}");
        }
        var perViewer = logs.Select(l => PathFigures.From([l], expected, WarmUp)).ToList();
        Console.Error.WriteLine($"  per viewer p99 (ms): {string.Join(", ", perViewer.Select(f => PathFigures.F(f.P99Ms)))}");
        var frames = watched.Viewers.Sum(v => (long)v.Frames);
        var messages = watched.Viewers.Sum(v => (long)v.Messages);
        Console.Error.WriteLine($"  viewers got {frames:N0} frames in {messages:N0} hub messages; " +
            $"Node event-loop delay: viewers p50 {watched.LoopDelay.P50Ms} / p99 {watched.LoopDelay.P99Ms} / max {watched.LoopDelay.MaxMs} ms, " +
            $"floor reader p99 {floor.LoopDelay.P99Ms} / max {floor.LoopDelay.MaxMs} ms");
    }

    private static string Mark(bool met) => met ? "✓" : "✗";

    private static double Setting(string name, double fallback) =>
        double.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
