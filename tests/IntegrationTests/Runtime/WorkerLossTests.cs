using System.Diagnostics;
using Aspire.Sandbox.IntegrationTests.Support;
using StackExchange.Redis;

namespace Aspire.Sandbox.IntegrationTests.Runtime;

/// <summary>
/// DESIGN §4: a worker killed mid-run is replaced by another within the lease timeout; the
/// interrupted run ends with worker-lost and the queued run goes on in the same sandbox. Its own
/// app (two workers), since it kills one.
/// </summary>
public sealed class WorkerLossTests : IAsyncLifetime
{
    private static readonly TimeSpan AdoptionTimeout = TimeSpan.FromSeconds(90);
    private SandboxApp _app = null!;

    public async Task InitializeAsync() => _app = await SandboxApp.StartAsync(["--Workers=2"]);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task KilledWorkersRunEndsWorkerLostAndTheQueuedRunGoesOnInTheSameWorkspace()
    {
        using var http = new HttpClient { BaseAddress = _app.ApiUrl };
        var api = new SandboxApiClient(http, _app.ApiKey);
        var session = await api.CreateSessionAsync(new { template = "shell" }, CancellationToken.None);
        await using var hub = await HubViewer.ConnectAsync(_app.WebUrl, session.Token, CancellationToken.None);
        await hub.SubscribeAsync(session.Id, null, CancellationToken.None);
        await hub.ReadUntilAsync(f => f.Type == "ready", SessionScenario.ReadyTimeout);
        var setup = await api.RunAsync(session, new { prompt = "echo kept > note.txt" }, CancellationToken.None);
        await hub.ReadUntilAsync(f => f.Type == "process-exit" && f.Run == setup.RunId, SessionScenario.RunTimeout);

        var doomed = await api.RunAsync(session, new { prompt = "echo started; sleep 600" }, CancellationToken.None);
        var next = await api.RunAsync(session, new { prompt = "cat note.txt" }, CancellationToken.None);
        await hub.ReadUntilAsync(f => f.Type == "stdout" && f.Text("data").Contains("started"), SessionScenario.RunTimeout);
        KillWorkerRunning(session.Id);

        var frames = await hub.ReadUntilAsync(f => f.Type == "process-exit" && f.Run == next.RunId, AdoptionTimeout);

        var lost = frames.Single(f => f.Type == "process-exit" && f.Run == doomed.RunId);
        Assert.Equal("worker-lost", lost.Text("reason"));
        Assert.Equal("kept\n", string.Concat(frames.Where(f => f.Type == "stdout" && f.Run == next.RunId).Select(f => f.Text("data"))));
        Assert.Equal(0, frames[^1].Json.GetProperty("exitCode").GetInt32());
        Assert.Single(frames, f => f.Type == "process-exit" && f.Run == doomed.RunId);
    }

    /// <summary>SIGKILLs the worker process the session record names — one this test's app started.</summary>
    private void KillWorkerRunning(string sessionId)
    {
        using var redis = ConnectionMultiplexer.Connect(_app.RedisConnectionString);
        var worker = (string?)redis.GetDatabase().HashGet(Contracts.Redis.RedisKeys.Session(sessionId), "worker") ?? "";
        var pid = int.Parse(worker[(worker.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        // DCP reports the pid of `dotnet run`; the worker is its child.
        Assert.Contains(_app.ProcessIds, r => r.Key.StartsWith("worker", StringComparison.Ordinal) && ProcessTree.SelfAndDescendants(r.Value).Contains(pid));
        using var process = Process.GetProcessById(pid);
        process.Kill();
    }
}
