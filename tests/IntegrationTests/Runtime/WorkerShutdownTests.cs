using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Sandbox.IntegrationTests.Api;
using Aspire.Sandbox.IntegrationTests.Support;

namespace Aspire.Sandbox.IntegrationTests.Runtime;

/// <summary>
/// A local worker that stops cleanly takes its sandboxes with it, and says so: the sessions end as
/// <c>stopped</c> (Redis keeps them across restarts, so they must not read as ready). Its own app, since it
/// stops the worker.
/// </summary>
public sealed class WorkerShutdownTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private SandboxApp _app = null!;

    public async Task InitializeAsync() => _app = await SandboxApp.StartAsync([]);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task AStoppedWorkersSessionsEndAsStoppedWithNoSandboxLeft()
    {
        using var http = new HttpClient { BaseAddress = _app.ApiUrl };
        var api = new SandboxApiClient(http, _app.ApiKey);
        var session = await api.CreateSessionAsync(new { template = "shell" }, CancellationToken.None);
        Assert.Equal("ready", await api.WaitForStatusAsync(session.Id, session.Token, "ready", Timeout));

        var worker = Assert.Single(_app.ProcessIds, r => r.Key.StartsWith("worker", StringComparison.Ordinal));
        PosixSignals.Terminate(worker.Value);

        Assert.Equal("stopped", await api.WaitForStatusAsync(session.Id, session.Token, "stopped", Timeout));
        Assert.Null(await SandboxContainers.InspectSessionAsync(session.Id));
        using var history = await api.SendAsync(HttpMethod.Get, $"/api/sessions/{session.Id}/frames?limit=1000", session.Token, null, CancellationToken.None);
        var frames = (await history.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("frames").EnumerateArray().ToArray();
        var ended = Assert.Single(frames, f => f.GetProperty("type").GetString() == "session-ended");
        Assert.Equal("stopped", ended.GetProperty("reason").GetString());
        using var run = await api.SendAsync(HttpMethod.Post, $"/api/sessions/{session.Id}/runs", session.Token, new { command = new[] { "true" } }, CancellationToken.None);
        await ProblemAssert.IsAsync(run, HttpStatusCode.Conflict, "session-not-runnable");
    }
}
