using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Sandbox.Bench.Blackbox;
using Aspire.Sandbox.TestSupport;

namespace Aspire.Sandbox.Bench.Preview;

/// <summary>
/// Preview requests (issue 11): the same Python keep-alive client sends the same GET to the same server in a sandbox,
/// once through the preview URL (host → Web → worker → relay socket → the sandbox's loopback) and once from inside the
/// sandbox to its loopback (the floor), over 100 connections, every answer checked. Pairs alternate so drift in a busy
/// host's load hits both sides; medians are reported.
/// </summary>
public sealed class PreviewBenchmark(int connections, int requests, int pairs)
{
    private const int ServerPort = 8001;
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(120);

    public static PreviewBenchmark FromEnvironment() => new(Setting("PREVIEW_CONNECTIONS", 100), Setting("PREVIEW_REQUESTS", 20_000), Setting("PREVIEW_PAIRS", 3));

    public async Task<IReadOnlyList<Row>> RunAsync()
    {
        var rows = new List<Row> { new("load average at start (1 / 5 / 15 min)", LoadAverage.Read(), "—", "—", "—") };
        // The whole app from its built binaries (Aspire.Hosting.Testing, as the tests start it): no build on a busy host.
        var app = await SandboxApp.StartAsync([]);
        try
        {
            using var http = new HttpClient { BaseAddress = app.ApiUrl, Timeout = TimeSpan.FromSeconds(30) };
            var api = new SandboxApiClient(http, app.ApiKey);
            var session = await api.CreateSessionAsync(new
            {
                template = "python-web",
                name = "preview bench",
                files = new[]
                {
                    new { path = "bench_server.py", content = PreviewScripts.Server },
                    // Started by the template's setup step, so no run's clean-up ends it.
                    new { path = "setup.sh", content = $"nohup python3 bench_server.py {ServerPort} > /tmp/bench-server.log 2>&1 &\n" },
                },
            }, CancellationToken.None);
            var status = await api.WaitForStatusAsync(session.Id, session.Token, "ready", ReadyTimeout);
            if (status != "ready") throw new InvalidOperationException($"session {session.Id} is {status}, not ready");
            using var exposed = await api.SendAsync(HttpMethod.Put, $"/api/sessions/{session.Id}/previews/{ServerPort}", session.Token, new { @public = false }, CancellationToken.None);
            exposed.EnsureSuccessStatusCode();
            var url = new Uri((await exposed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!);
            var container = (await DockerOutput.ContainersAsync($"label=aspire-sandbox.session={session.Id}", "status=running")).Single();

            Task<LoadResult> Ours(int n) => RunLoadAsync("python3", ["-", "127.0.0.1", app.WebUrl.Port.ToString(CultureInfo.InvariantCulture), url.Authority, session.Token], n);
            Task<LoadResult> Floor(int n) => RunLoadAsync("docker", ["exec", "-i", "-u", "1000:1000", container, "python3", "-", "127.0.0.1",
                ServerPort.ToString(CultureInfo.InvariantCulture), $"127.0.0.1:{ServerPort}", "-"], n);

            // Warm-up: connections, pools and the relay made once before anything is timed.
            await Floor(connections * 10);
            await Ours(connections * 10);
            var ours = new List<LoadResult>();
            var floor = new List<LoadResult>();
            for (var i = 0; i < pairs; i++)
            {
                floor.Add(await Floor(requests));
                ours.Add(await Ours(requests));
                Console.Error.WriteLine($"  pair {i + 1}: through the preview URL {ours[^1]}; inside the sandbox {floor[^1]}");
            }
            var (o, f) = (LoadResult.Median(ours), LoadResult.Median(floor));
            var what = $"{requests:N0} GETs over {connections} keep-alive connections, median of {pairs} alternating pairs";
            rows.Add(new Row($"preview throughput: {what}", $"{o.Rps:N0} req/s", $"{f.Rps:N0} req/s (same client inside the sandbox)",
                $"{o.Rps / f.Rps:0.00}×", "—"));
            rows.Add(new Row($"preview latency p50 / p99: {what}", $"{o.P50:0.00} / {o.P99:0.00} ms", $"{f.P50:0.00} / {f.P99:0.00} ms",
                $"p50 {o.P50 / f.P50:0.0}×, p99 {o.P99 / f.P99:0.0}×", "—"));
            var lost = ours.Sum(r => requests - r.Ok) + floor.Sum(r => requests - r.Ok);
            rows.Add(new Row("preview answers, every request of every run", $"{ours.Sum(r => r.Ok):N0} of {requests * pairs:N0} correct",
                $"{floor.Sum(r => r.Ok):N0} of {requests * pairs:N0}", "—", $"lossless {(lost == 0 ? "✓" : "✗")}"));
            await api.SendAsync(HttpMethod.Delete, $"/api/sessions/{session.Id}", session.Token, null, CancellationToken.None);
        }
        finally
        {
            await app.DisposeAsync();
        }
        return rows;
    }

    private async Task<LoadResult> RunLoadAsync(string program, string[] arguments, int count)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        start.ArgumentList.Add(connections.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add(count.ToString(CultureInfo.InvariantCulture));
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(PreviewScripts.Load);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(10));
        if (process.ExitCode != 0) throw new InvalidOperationException($"{program} load client failed: {await errors}");
        var json = JsonDocument.Parse(await output).RootElement;
        return new LoadResult(json.GetProperty("ok").GetInt32(), json.GetProperty("rps").GetDouble(),
            json.GetProperty("p50").GetDouble(), json.GetProperty("p99").GetDouble());
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    private sealed record LoadResult(int Ok, double Rps, double P50, double P99)
    {
        public static LoadResult Median(IReadOnlyList<LoadResult> runs) => new(
            runs.Min(r => r.Ok), Middle(runs.Select(r => r.Rps)), Middle(runs.Select(r => r.P50)), Middle(runs.Select(r => r.P99)));

        private static double Middle(IEnumerable<double> values)
        {
            var sorted = values.Order().ToArray();
            return sorted[sorted.Length / 2];
        }

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Rps:N0} req/s, p50 {P50:0.00} ms, p99 {P99:0.00} ms, {Ok} ok");
    }
}
