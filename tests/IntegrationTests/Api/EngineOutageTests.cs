using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Sandbox.IntegrationTests.Support;

namespace Aspire.Sandbox.IntegrationTests.Api;

/// <summary>
/// The Docker engine goes away under a running app (its worker reaches the engine through a proxy the test pulls):
/// work that needs sandboxes is refused with 503 and Retry-After, everything else keeps answering, and once the
/// engine is back work is accepted again and what was accepted before the outage still gets its sandbox.
/// The sandboxes stop meanwhile, as a daemon restart stops them (no live-restore): the next run starts them again.
/// </summary>
public sealed class EngineOutageTests : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);
    private static readonly TimeSpan NoticeTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    // Long enough that a session created right after the engine goes is claimed before the worker notices.
    private static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(5);
    private const string ShellSession = """{"template":"shell"}""";

    private readonly DockerSocketProxy _engine = new();
    private SandboxApp _app = null!;
    private HttpClient _http = null!;
    private string _apiKey = "";
    private string _appInstance = "";

    public async Task InitializeAsync()
    {
        _engine.Start();
        _app = await SandboxApp.StartAsync(
            [$"--Sandbox:Docker:Endpoint={_engine.Endpoint}", $"--Sandbox:Docker:CheckInterval={CheckInterval}"], StartTimeout);
        _http = new HttpClient { BaseAddress = _app.ApiUrl, Timeout = TimeSpan.FromSeconds(30) };
        _apiKey = _app.ApiKey;
        _appInstance = _app.AppInstance;
    }

    public async Task DisposeAsync()
    {
        _engine.Start(); // the worker removes its sandboxes on the way out
        _http.Dispose();
        await _app.DisposeAsync();
        await _engine.DisposeAsync();
        Assert.Empty(await SandboxContainers.ListAsync(_appInstance));
    }

    [Fact]
    public async Task WorkNeedingSandboxesIsRefusedWhileTheEngineIsGoneAndAcceptedOnceItIsBack()
    {
        var before = await CreateAsync();
        Assert.Equal("ready", await Client.WaitForStatusAsync(before.Id, before.Token, "ready", ReadyTimeout));

        await SandboxContainers.StopSessionAsync(before.Id);
        await _engine.StopAsync();
        // Until the worker notices, a session may still be accepted: it must not be lost.
        var (refused, acceptedMeanwhile) = await PostUntilRefusedAsync();

        Assert.NotNull(refused.Headers.RetryAfter);
        await ProblemAssert.IsAsync(refused, HttpStatusCode.ServiceUnavailable, "engine-unavailable");
        using (var run = await SendAsync(HttpMethod.Post, $"/api/sessions/{before.Id}/runs", before.Token, """{"command":["true"]}"""))
            await ProblemAssert.IsAsync(run, HttpStatusCode.ServiceUnavailable, "engine-unavailable");
        using (var invalid = await SendAsync(HttpMethod.Post, "/api/sessions", _apiKey, """{"template":"no-such-template"}"""))
            await ProblemAssert.IsAsync(invalid, HttpStatusCode.BadRequest, "validation", "template");
        using (var read = await SendAsync(HttpMethod.Get, $"/api/sessions/{before.Id}", before.Token))
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Contains(_app.States, r => r.Key.StartsWith("worker", StringComparison.Ordinal) && r.Value == "Running");

        _engine.Start();
        var after = await CreateWhenAcceptedAsync();

        Assert.NotEmpty(acceptedMeanwhile);
        foreach (var session in acceptedMeanwhile.Append(after))
            Assert.Equal("ready", await Client.WaitForStatusAsync(session.Id, session.Token, "ready", ReadyTimeout));
        Assert.Contains("waiting_for_engine", await ProgressStepsAsync(acceptedMeanwhile[0]));
        using var ran = await SendAsync(HttpMethod.Post, $"/api/sessions/{before.Id}/runs", before.Token, """{"command":["sh","-c","exit 7"]}""");
        Assert.Equal(HttpStatusCode.Accepted, ran.StatusCode);
        Assert.Equal(7, await ExitCodeAsync(before));
    }

    /// <summary>The exit code of the session's last run, once it has one.</summary>
    private async Task<int?> ExitCodeAsync(Session session)
    {
        using var deadline = new CancellationTokenSource(ReadyTimeout);
        while (true)
        {
            using var response = await SendAsync(HttpMethod.Get, $"/api/sessions/{session.Id}", session.Token);
            var last = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runs").EnumerateArray().Last();
            if (last.GetProperty("status").GetString() is not ("queued" or "running"))
                return last.GetProperty("exitCode").ValueKind == JsonValueKind.Number ? last.GetProperty("exitCode").GetInt32() : null;
            await Task.Delay(TimeSpan.FromMilliseconds(250), deadline.Token);
        }
    }

    private sealed record Session(string Id, string Token);

    private SandboxApiClient Client => new(_http, _apiKey);

    private async Task<Session> CreateAsync()
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/sessions", _apiKey, ShellSession);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await ReadSessionAsync(response);
    }

    private async Task<(HttpResponseMessage Refused, List<Session> Accepted)> PostUntilRefusedAsync()
    {
        var accepted = new List<Session>();
        using var deadline = new CancellationTokenSource(NoticeTimeout);
        while (true)
        {
            var response = await SendAsync(HttpMethod.Post, "/api/sessions", _apiKey, ShellSession);
            if (response.StatusCode != HttpStatusCode.Created) return (response, accepted);
            accepted.Add(await ReadSessionAsync(response));
            response.Dispose();
            await Task.Delay(TimeSpan.FromMilliseconds(500), deadline.Token);
        }
    }

    private async Task<Session> CreateWhenAcceptedAsync()
    {
        using var deadline = new CancellationTokenSource(NoticeTimeout);
        while (true)
        {
            using var response = await SendAsync(HttpMethod.Post, "/api/sessions", _apiKey, ShellSession);
            if (response.StatusCode == HttpStatusCode.Created) return await ReadSessionAsync(response);
            await ProblemAssert.IsAsync(response, HttpStatusCode.ServiceUnavailable, "engine-unavailable");
            await Task.Delay(TimeSpan.FromMilliseconds(500), deadline.Token);
        }
    }

    private async Task<string[]> ProgressStepsAsync(Session session)
    {
        using var page = await SendAsync(HttpMethod.Get, $"/api/sessions/{session.Id}/frames?limit=1000", session.Token);
        var frames = (await page.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("frames").EnumerateArray();
        return [.. frames.Where(f => f.GetProperty("type").GetString() == "progress").Select(f => f.GetProperty("step").GetString()!)];
    }

    private static async Task<Session> ReadSessionAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new Session(body.GetProperty("id").GetString()!, body.GetProperty("token").GetString()!);
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string bearer, string? json = null) =>
        RawRequest.SendAsync(_http, method, path, bearer, json);
}
