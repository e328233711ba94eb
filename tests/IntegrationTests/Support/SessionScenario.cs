namespace Aspire.Sandbox.IntegrationTests.Support;

/// <summary>A session created through the Api and watched through the hub by its owner.</summary>
public sealed class SessionScenario : IAsyncDisposable
{
    public static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);

    private readonly SandboxAppFixture _app;

    private SessionScenario(SandboxAppFixture app, SandboxApiClient.CreatedSession session, HubViewer hub, List<ReceivedFrame> startUp)
    {
        _app = app;
        Session = session;
        Hub = hub;
        StartUp = startUp;
    }

    public SandboxApiClient.CreatedSession Session { get; }
    public HubViewer Hub { get; }

    /// <summary>The frames up to and including <c>ready</c>.</summary>
    public IReadOnlyList<ReceivedFrame> StartUp { get; }

    public static async Task<SessionScenario> StartAsync(SandboxAppFixture app, object body)
    {
        var session = await app.Api.CreateSessionAsync(body, CancellationToken.None);
        var hub = await HubViewer.ConnectAsync(app.WebUrl, session.Token, CancellationToken.None);
        await hub.SubscribeAsync(session.Id, null, CancellationToken.None);
        var startUp = await hub.ReadUntilAsync(f => f.Type is "ready" or "error", ReadyTimeout);
        Assert.True(startUp[^1].Type == "ready", $"session did not become ready: {startUp[^1].Json}");
        return new SessionScenario(app, session, hub, startUp);
    }

    public static Task<SessionScenario> StartShellAsync(SandboxAppFixture app) => StartAsync(app, new { template = "shell" });

    public Task<SandboxApiClient.CreatedRun> StartRunAsync(object body) => _app.Api.RunAsync(Session, body, CancellationToken.None);

    /// <summary>Starts a run and reads its frames up to its <c>process-exit</c>.</summary>
    public async Task<RunFrames> RunToExitAsync(object body, TimeSpan? timeout = null)
    {
        var run = await StartRunAsync(body);
        return await ReadRunAsync(run.RunId, timeout);
    }

    public async Task<RunFrames> ReadRunAsync(string runId, TimeSpan? timeout = null) =>
        new(runId, await Hub.ReadUntilAsync(f => f.Type == "process-exit" && f.Run == runId, timeout ?? RunTimeout));

    public ValueTask DisposeAsync() => Hub.DisposeAsync();
}

/// <summary>The frames read while a run executed (they may include other session frames).</summary>
public sealed record RunFrames(string RunId, IReadOnlyList<ReceivedFrame> All)
{
    public IEnumerable<ReceivedFrame> OfType(string type) => All.Where(f => f.Type == type && f.Run == RunId);
    public string Stdout => string.Concat(OfType("stdout").Select(f => f.Text("data")));
    public string Stderr => string.Concat(OfType("stderr").Select(f => f.Text("data")));
    public ReceivedFrame Exit => OfType("process-exit").Single();
    public int? ExitCode => Exit.Json.GetProperty("exitCode").ValueKind == System.Text.Json.JsonValueKind.Null ? null : Exit.Json.GetProperty("exitCode").GetInt32();
    public string Reason => Exit.Text("reason");
}
