using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Sandbox.IntegrationTests.Support;
using Xunit.Abstractions;

namespace Aspire.Sandbox.IntegrationTests.Hosting;

/// <summary>
/// One trace per session and one per run, across the services, as the dashboard gets them: the whole app exports to
/// an OTLP/HTTP receiver of this test, and the spans it receives must link the Api's request, the work item, the
/// Worker's steps and the Web's relay by real parent ids; Redis commands outside any trace (the queue poll) are not sent.
/// </summary>
public class SessionTraceTests(ITestOutputHelper output)
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ExportTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan PollingOnly = TimeSpan.FromSeconds(12);

    [Fact]
    public async Task ASessionAndARunEachMakeOneTraceAcrossApiWorkerAndWeb()
    {
        using var startTimeout = new CancellationTokenSource(StepTimeout);
        await using var receiver = await OtlpTraceReceiver.StartAsync(startTimeout.Token);
        await using var app = await SandboxApp.StartAsync([], configure: builder =>
        {
            // Added after Aspire's own OTLP settings (AddProject), so these win.
            foreach (var project in builder.Resources.OfType<ProjectResource>().ToList())
                builder.CreateResourceBuilder(project).WithEnvironment(context =>
                {
                    context.EnvironmentVariables["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Url.ToString().TrimEnd('/');
                    context.EnvironmentVariables["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
                    context.EnvironmentVariables["OTEL_BSP_SCHEDULE_DELAY"] = "200";
                });
        });
        using var api = new HttpClient { BaseAddress = app.ApiUrl };
        using var web = new HttpClient { BaseAddress = app.WebUrl };
        var client = new SandboxApiClient(api, app.ApiKey);

        // A polling-only period: the Worker polls its queue (EVAL) and renews its lease, the health checks PING, all
        // outside any trace. Longer than the Redis instrumentation's flush of such commands (10 s), so they would have
        // been exported by now as traces of one span each; none may be.
        await Task.Delay(PollingOnly);
        await Task.Delay(TimeSpan.FromSeconds(1)); // one more export batch
        var pollingRoots = receiver.Spans.Where(s => s.ParentSpanId.Length == 0 && IsRedis(s)).ToList();
        Assert.True(pollingRoots.Count == 0, $"Redis commands outside any trace were exported:\n{string.Join("\n", pollingRoots.Take(20))}");

        // A session through the Api, watched through the Web from the start: the relay hands its first frames on.
        var session = await Bounded(ct => client.CreateSessionAsync(new { template = "shell" }, ct));
        await using var viewer = await Bounded(ct => HubViewer.ConnectAsync(app.WebUrl, session.Token, ct));
        await Bounded(ct => viewer.SubscribeAsync(session.Id, null, ct));
        var startUp = await viewer.ReadUntilAsync(f => f.Type is "ready" or "error", StepTimeout);
        Assert.True(startUp[^1].Type == "ready", $"session did not become ready: {startUp[^1].Json}");

        // A run as the Web app starts one (its /app forwards to the Api's POST /api/sessions/{id}/runs).
        var runId = await Bounded(async ct =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/app/sessions/{session.Id}/runs")
            {
                Content = new StringContent("""{"command":["echo","traced"]}""", Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.Token);
            using var response = await web.SendAsync(request, ct);
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
            return (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("runId").GetString()!;
        });
        var runFrames = await viewer.ReadUntilAsync(f => f.Type == "process-exit" && f.Run == runId, StepTimeout);
        Assert.Equal(0, runFrames[^1].Json.GetProperty("exitCode").GetInt32());

        // Spans leave each service in batches: poll until both traces are complete, or say what arrived.
        Trace? sessionTrace = null, runTrace = null;
        using var exportDeadline = new CancellationTokenSource(ExportTimeout);
        while (true)
        {
            var spans = receiver.Spans.ToList();
            sessionTrace = Trace.Of(spans, s => s is { Service: "worker", Name: "create sandbox" } && s.Attribute("sandbox.session.id") == session.Id);
            runTrace = Trace.Of(spans, s => s is { Service: "worker", Name: "run" } && s.Attribute("sandbox.run.id") == runId);
            // Redis spans come last: the Redis instrumentation hands over profiled commands every 10 s.
            if (sessionTrace?.Has("web", "relay first frames") == true && sessionTrace.Has("worker", "container start")
                && sessionTrace.Has("worker", "first frames published") && sessionTrace.Has("api", s => IsRedis(s) && s.ParentSpanId.Length > 0)
                && runTrace?.Has("worker", "run end") == true && runTrace.Has("web", s => s.Kind == ReceivedSpan.Server))
                break;
            if (exportDeadline.IsCancellationRequested)
                Assert.Fail($"The traces did not arrive complete within {ExportTimeout}.\nSession: {sessionTrace}\nRun: {runTrace}\n" +
                            $"All {spans.Count} spans:\n{string.Join("\n", spans)}");
            await Task.Delay(250, CancellationToken.None);
        }

        output.WriteLine($"Session {session.Id}: {sessionTrace.Tree()}");
        output.WriteLine($"Run {runId}: {runTrace.Tree()}");

        // The services exported as configured here: OTLP/HTTP with protobuf to this receiver (Aspire's defaults lost).
        Assert.NotEmpty(receiver.Requests);
        Assert.All(receiver.Requests, r => Assert.Equal("application/x-protobuf", r.ContentType));
        Assert.Contains(receiver.Requests, r => r.Path == "/v1/traces");

        // The session: POST /api/sessions (server) → queue create sandbox (producer) → create sandbox (consumer, worker)
        // → container create / container start / first frames published; the Web's relay hangs off the request.
        var claim = sessionTrace.Root;
        Assert.Equal(ReceivedSpan.Consumer, claim.Kind);
        var queued = sessionTrace.ParentOf(claim);
        Assert.Equal(("api", "queue create sandbox", ReceivedSpan.Producer), (queued.Service, queued.Name, queued.Kind));
        var request = sessionTrace.ParentOf(queued);
        Assert.Equal(("api", ReceivedSpan.Server), (request.Service, request.Kind));
        Assert.Contains("api/sessions", request.Name, StringComparison.Ordinal);
        foreach (var step in new[] { "image check", "container create", "container start", "first frames published" })
            Assert.Equal(claim.SpanId, sessionTrace.Single("worker", step).ParentSpanId);
        var relay = sessionTrace.Single("web", "relay first frames");
        Assert.Equal(request.SpanId, relay.ParentSpanId);
        Assert.Equal(session.Id, relay.Attribute("sandbox.session.id"));
        Assert.Equal(["api", "web", "worker"], sessionTrace.Services);
        // Redis commands made inside the session's request are still there, under its spans.
        Assert.Contains(sessionTrace.Spans, s => IsRedis(s) && s.Service == "api" && s.ParentSpanId.Length > 0);

        // The run, a trace of its own: the Web's POST /app/… → its call to the Api → POST /api/sessions/{id}/runs →
        // queue run → run (consumer, worker) → exec create / exec start / run end (exit code 0).
        Assert.NotEqual(sessionTrace.TraceId, runTrace.TraceId);
        var runClaim = runTrace.Root;
        Assert.Equal(ReceivedSpan.Consumer, runClaim.Kind);
        var runQueued = runTrace.ParentOf(runClaim);
        Assert.Equal(("api", "queue run", ReceivedSpan.Producer), (runQueued.Service, runQueued.Name, runQueued.Kind));
        var runRequest = runTrace.ParentOf(runQueued);
        Assert.Equal(("api", ReceivedSpan.Server), (runRequest.Service, runRequest.Kind));
        var webCall = runTrace.ParentOf(runRequest);
        Assert.Equal(("web", ReceivedSpan.Client), (webCall.Service, webCall.Kind));
        Assert.Equal(("web", ReceivedSpan.Server), (runTrace.ParentOf(webCall).Service, runTrace.ParentOf(webCall).Kind));
        foreach (var step in new[] { "exec create", "exec start", "run end", "first frames published" })
            Assert.Equal(runClaim.SpanId, runTrace.Single("worker", step).ParentSpanId);
        Assert.Equal("0", runTrace.Single("worker", "run end").Attribute("process.exit.code"));
        Assert.Equal(["api", "web", "worker"], runTrace.Services);
        // No span of the run's work landed in the session's trace, nor the other way round.
        Assert.DoesNotContain(sessionTrace.Spans, s => s.Attribute("sandbox.run.id") == runId);
        Assert.DoesNotContain(runTrace.Spans, s => s.Name == "create sandbox");

        // Nor, all along, a Redis command outside a trace.
        Assert.DoesNotContain(receiver.Spans, s => s.ParentSpanId.Length == 0 && IsRedis(s));

        // No token or key lands in telemetry: the browser's hub client carries its token in the query string
        // (WebSockets cannot send headers), and every other call here sent one as a Bearer header or the API key.
        using (await Bounded(ct => web.GetAsync($"/hubs/sessions?id=telemetry-probe&access_token={Uri.EscapeDataString(session.ViewerToken)}", ct))) { }
        await Bounded(async ct =>
        {
            while (!receiver.Spans.Any(s => s.Service == "web" && s.Attribute("url.path") == "/hubs/sessions")) await Task.Delay(250, ct);
        });
        string[] secrets = [session.Token, session.ViewerToken, app.ApiKey];
        var leaks = receiver.Spans.SelectMany(span => span.Attributes
            .Where(a => secrets.Any(secret => a.Value.Contains(secret, StringComparison.Ordinal)))
            .Select(a => $"{span}: {a.Key}")).ToList();
        Assert.True(leaks.Count == 0, $"Spans carry a token or key:\n{string.Join("\n", leaks)}");
    }

    /// <summary>A span of Aspire's StackExchange.Redis tracing (old or new database conventions).</summary>
    private static bool IsRedis(ReceivedSpan span) => span.Attribute("db.system") == "redis" || span.Attribute("db.system.name") == "redis";

    private static async Task<T> Bounded<T>(Func<CancellationToken, Task<T>> step)
    {
        using var timeout = new CancellationTokenSource(StepTimeout);
        return await step(timeout.Token);
    }

    private static async Task Bounded(Func<CancellationToken, Task> step)
    {
        using var timeout = new CancellationTokenSource(StepTimeout);
        await step(timeout.Token);
    }

    /// <summary>The spans received so far of the trace that holds a given span (<see cref="Root"/> here: the one looked for).</summary>
    private sealed record Trace(string TraceId, ReceivedSpan Root, IReadOnlyList<ReceivedSpan> Spans)
    {
        public static Trace? Of(IReadOnlyList<ReceivedSpan> all, Func<ReceivedSpan, bool> anchor) =>
            all.FirstOrDefault(anchor) is { } found ? new Trace(found.TraceId, found, all.Where(s => s.TraceId == found.TraceId).ToList()) : null;

        public string[] Services => [.. Spans.Select(s => s.Service).Distinct().Order(StringComparer.Ordinal)];

        public bool Has(string service, string name) => Spans.Any(s => s.Service == service && s.Name == name);

        public bool Has(string service, Func<ReceivedSpan, bool> match) => Spans.Any(s => s.Service == service && match(s));

        public ReceivedSpan Single(string service, string name)
        {
            var found = Spans.Where(s => s.Service == service && s.Name == name).ToList();
            Assert.True(found.Count == 1, $"Expected one '{name}' span of {service} in trace {TraceId}, found {found.Count}:\n{this}");
            return found[0];
        }

        public ReceivedSpan ParentOf(ReceivedSpan span)
        {
            Assert.True(span.ParentSpanId.Length > 0, $"{span} has no parent:\n{this}");
            return Spans.SingleOrDefault(s => s.SpanId == span.ParentSpanId)
                ?? throw new Xunit.Sdk.XunitException($"The parent {span.ParentSpanId} of {span} is not in trace {TraceId}:\n{this}");
        }

        public override string ToString() => $"trace {TraceId}:\n  {string.Join("\n  ", Spans)}";

        /// <summary>The spans as a tree, children indented under their parent (spans whose parent is elsewhere at the top).</summary>
        public string Tree()
        {
            var text = new StringBuilder($"trace {TraceId}");
            void Add(ReceivedSpan span, int depth)
            {
                text.Append('\n').Append(' ', 2 * depth).Append(span.Service).Append(": ").Append(span.Name);
                foreach (var child in Spans.Where(s => s.ParentSpanId == span.SpanId)) Add(child, depth + 1);
            }
            foreach (var top in Spans.Where(s => !Spans.Any(p => p.SpanId == s.ParentSpanId))) Add(top, 1);
            return text.ToString();
        }
    }
}
