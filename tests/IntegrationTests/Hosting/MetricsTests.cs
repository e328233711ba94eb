using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Aspire.Sandbox.IntegrationTests.Bus;
using Aspire.Sandbox.IntegrationTests.Support;
using Xunit.Abstractions;

namespace Aspire.Sandbox.IntegrationTests.Hosting;

// DESIGN §6's metrics, end to end: the whole app with its dashboard, one shell session and one run through the
// Api, watched through the hub; then each service's /metrics and the dashboard's metrics API must show them.
public class MetricsTests(ITestOutputHelper output)
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan FrameTimeout = TimeSpan.FromSeconds(60);
    // Metrics are recorded next to (not before) the frames a client sees, and the exporter caches answers for
    // 300 ms: poll for a while instead of reading once.
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task EveryServiceCountsWhatItDidAndTheDashboardShowsIt()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var dashboardUrl = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        await using var app = await DistributedApplicationTestingBuilder.StartAsync<Projects.Aspire_Sandbox_AppHost>(
            ["--AppHost:DashboardEnabled=true", $"--AppHost:DashboardUrl={dashboardUrl}", "--AppHost:MetricsScrapeInterval=00:00:01"],
            StartTimeout, cts.Token);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var apiHttp = new HttpClient { BaseAddress = app.GetEndpoint("api"), Timeout = TimeSpan.FromSeconds(30) };
        var api = new SandboxApiClient(apiHttp, app.GetEnvironment("api")["Sandbox__ApiKeys__0"]);

        var session = await api.CreateSessionAsync(new { template = "shell" }, cts.Token);
        var hub = await HubViewer.ConnectAsync(app.GetEndpoint("web"), session.Token, cts.Token);
        await hub.SubscribeAsync(session.Id, null, cts.Token);
        var startUp = await hub.ReadUntilAsync(f => f.Type is "ready" or "error", FrameTimeout, cts.Token);
        Assert.True(startUp[^1].Type == "ready", startUp[^1].Json.ToString());
        var run = await api.RunAsync(session, new { command = new[] { "sh", "-c", "echo one; echo two" } }, cts.Token);
        var runFrames = await hub.ReadUntilAsync(f => f.Type == "process-exit" && f.Run == run.RunId, FrameTimeout, cts.Token);
        Assert.Equal("exited", runFrames[^1].Text("reason"));

        var worker = await ScrapeUntilAsync(http, app.GetEndpoint("worker"), text =>
            MetricsText.Value(text, "sandbox_worker_frames_published_total") >= startUp.Count + runFrames.Count
            && MetricsText.Value(text, "sandbox_worker_sandbox_start_duration_seconds_count", ("outcome", "ready")) == 1
            && MetricsText.Value(text, "sandbox_worker_runs_finished_total", ("outcome", "exited")) == 1
            && MetricsText.Value(text, "sandbox_worker_runs_running") == 0
            && MetricsText.Value(text, "sandbox_worker_sandboxes_active") == 1, cts.Token);
        var web = await ScrapeUntilAsync(http, app.GetEndpoint("web"), text =>
            MetricsText.Value(text, "sandbox_relay_frame_latency_seconds_count") >= runFrames.Count
            && MetricsText.Value(text, "sandbox_hub_connections") == 1, cts.Token);
        await ScrapeUntilAsync(http, app.GetEndpoint("api"), text =>
            MetricsText.Value(text, "sandbox_api_sessions_created_total") == 1
            && MetricsText.Value(text, "sandbox_api_runs_accepted_total") == 1, cts.Token);
        // Source → delivery on one machine: well under the 10 s bucket, and never negative.
        Assert.True(MetricsText.Value(web, "sandbox_relay_frame_latency_seconds_bucket", ("le", "10")) >= runFrames.Count, web);
        Assert.True(MetricsText.Value(worker, "sandbox_worker_sandbox_start_duration_seconds_sum") > 0, worker);

        await hub.DisposeAsync();
        await ScrapeUntilAsync(http, app.GetEndpoint("web"), text => MetricsText.Value(text, "sandbox_hub_connections") == 0, cts.Token);

        var dashboard = await DashboardUntilAsync(http, dashboardUrl, all =>
            Series(all, "worker", "sandbox_worker_frames_published_total")?.GetProperty("value").GetDouble() > 0
            && Series(all, "worker", "sandbox_worker_runs_finished_total") is not null
            && Series(all, "web", "sandbox_relay_frame_latency_seconds")?.GetProperty("count").GetDouble() > 0
            && Series(all, "api", "sandbox_api_runs_accepted_total") is not null, cts.Token);
        var start = Series(dashboard, "worker", "sandbox_worker_sandbox_start_duration_seconds")!.Value;
        Assert.Equal("histogram", start.GetProperty("type").GetString());
        Assert.Equal("ready", start.GetProperty("labels").GetProperty("outcome").GetString());
        Assert.Equal(1, start.GetProperty("count").GetDouble());
        Assert.True(start.GetProperty("p50").GetDouble() > 0, start.ToString());
        Assert.Equal(start.GetProperty("sum").GetDouble(), start.GetProperty("mean").GetDouble());
        Assert.Equal("exited", Series(dashboard, "worker", "sandbox_worker_runs_finished_total")!.Value.GetProperty("labels").GetProperty("outcome").GetString());
        Assert.True(Series(dashboard, "web", "sandbox_relay_frame_latency_seconds")!.Value.TryGetProperty("p99", out _));
        Assert.DoesNotContain(dashboard.EnumerateArray(), r => r.GetProperty("resource").GetString() == "redis");

        using var one = await http.GetAsync(new Uri(dashboardUrl, "/api/resources/worker/metrics?prefix=sandbox_worker_runs"), cts.Token);
        var workerOnly = await one.Content.ReadFromJsonAsync<JsonElement>(cts.Token);
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.All(workerOnly.GetProperty("metrics").EnumerateArray(), s => Assert.StartsWith("sandbox_worker_runs", s.GetProperty("name").GetString(), StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri(dashboardUrl, "/api/resources/redis/metrics"), cts.Token)).StatusCode);
    }

    /// <summary>Reads a service's /metrics until <paramref name="done"/> holds; fails with the last text after a while.</summary>
    private async Task<string> ScrapeUntilAsync(HttpClient http, Uri service, Func<string, bool> done, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(SettleTimeout);
        var text = "";
        while (!deadline.IsCancellationRequested)
        {
            text = await http.GetStringAsync(new Uri(service, "/metrics"), ct);
            if (done(text)) return text;
            await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
        }
        output.WriteLine(text);
        Assert.Fail($"{service}metrics did not show what was expected within {SettleTimeout.TotalSeconds:0} s (its last answer is in the output).");
        return text;
    }

    private async Task<JsonElement> DashboardUntilAsync(HttpClient http, Uri dashboard, Func<JsonElement, bool> done, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(SettleTimeout);
        var all = default(JsonElement);
        while (!deadline.IsCancellationRequested)
        {
            all = await http.GetFromJsonAsync<JsonElement>(new Uri(dashboard, "/api/metrics?prefix=sandbox_"), ct);
            if (done(all)) return all;
            await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
        }
        output.WriteLine(all.ToString());
        Assert.Fail($"The dashboard's /api/metrics did not show what was expected within {SettleTimeout.TotalSeconds:0} s.");
        return all;
    }

    private static JsonElement? Series(JsonElement all, string resource, string name) =>
        all.EnumerateArray()
            .Where(r => r.GetProperty("resource").GetString() == resource)
            .SelectMany(r => r.GetProperty("metrics").EnumerateArray())
            .Cast<JsonElement?>()
            .FirstOrDefault(s => s!.Value.GetProperty("name").GetString() == name);
}
