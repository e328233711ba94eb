using Aspire.Sandbox.Contracts.Sessions;
using Aspire.Sandbox.IntegrationTests.Support;
using StackExchange.Redis;

namespace Aspire.Sandbox.IntegrationTests.Runtime;

/// <summary>
/// The fence behind "exactly one process-exit": a run is ended by compare-and-set on its record,
/// so a worker whose lease lapsed (its run adopted and ended elsewhere) cannot end it again.
/// </summary>
[Collection(SandboxAppCollection.Name)]
public sealed class RunFencingTests(SandboxAppFixture app)
{
    [Fact]
    public async Task ARunEndedByTheAdoptingWorkerCannotBeEndedByTheStaleOne()
    {
        using var redis = await ConnectionMultiplexer.ConnectAsync(app.RedisConnectionString);
        var store = new SessionStore(redis, TimeProvider.System);
        var sessionId = $"ses_fence{Guid.NewGuid():N}";
        var runId = $"run_fence{Guid.NewGuid():N}";
        await store.CreateAsync(sessionId, "shell", null, "owner-fence");
        await store.AddRunAsync(sessionId, runId);
        Assert.True(await store.TryTransitionRunAsync(runId, RunStates.Queued, RunStates.Running));

        var adopterEnded = await store.TryFinishRunAsync(runId, RunStates.Failed, null);
        var staleEnded = await store.TryFinishRunAsync(runId, RunStates.Exited, 0);

        Assert.True(adopterEnded);
        Assert.False(staleEnded);
        var run = await store.GetRunAsync(runId);
        Assert.Equal(RunStates.Failed, run!.Status);
        Assert.Null(run.ExitCode);
    }
}
