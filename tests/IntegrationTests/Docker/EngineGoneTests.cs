using Aspire.Sandbox.IntegrationTests.Support;
using Aspire.Sandbox.Worker.Docker;
using Aspire.Sandbox.Worker.Engine;

namespace Aspire.Sandbox.IntegrationTests.Docker;

/// <summary>
/// The engine going away under a live exec stream and coming back, through a socket proxy that can be pulled
/// (only this test's connections are cut; the engine itself and other tests are untouched).
/// </summary>
[Collection(DockerCollection.Name)]
public sealed class EngineGoneTests(DockerEngineFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AStreamWhoseEngineGoesAwayFailsAsUnavailableAndTheEngineIsUsableWhenItIsBack()
    {
        await using var proxy = new DockerSocketProxy();
        proxy.Start();
        using var engine = new DockerSandboxEngine(new DockerEngineOptions { Endpoint = proxy.Endpoint });
        await using var container = await SandboxContainer.StartAsync(fixture);
        var execId = await engine.CreateExecAsync(
            container.Id, new ExecDefinition { Command = ["sh", "-c", "echo started; sleep 60"] }, CancellationToken.None).WaitAsync(Timeout);
        await using var stream = await engine.StartExecAsync(execId, tty: false, CancellationToken.None).WaitAsync(Timeout);
        var first = await stream.ReadAsync(CancellationToken.None).AsTask().WaitAsync(Timeout);
        Assert.Equal("started\n", System.Text.Encoding.UTF8.GetString(first!.Data.Span));

        var pending = stream.ReadAsync(CancellationToken.None).AsTask();
        await proxy.StopAsync();

        // Not a hang. A cut Unix socket reads as end-of-file between frames, which the stream cannot tell from the
        // process ending; so it may end or fail as unavailable, and the exec's state (asked next, as the Worker does)
        // is what says the engine is gone.
        try
        {
            Assert.Null(await pending.WaitAsync(Timeout));
        }
        catch (EngineUnavailableException)
        {
        }

        await Assert.ThrowsAsync<EngineUnavailableException>(() => engine.InspectExecAsync(execId, CancellationToken.None).WaitAsync(Timeout));
        await Assert.ThrowsAsync<EngineUnavailableException>(() => engine.GetVersionAsync(CancellationToken.None).WaitAsync(Timeout));

        proxy.Start();
        var version = await engine.GetVersionAsync(CancellationToken.None).WaitAsync(Timeout);
        Assert.False(string.IsNullOrEmpty(version.ApiVersion));
        var result = await ExecRunner.RunAsync(engine, container.Id, "echo", "back");
        Assert.Equal("back\n", result.Stdout);
    }

    [Fact]
    public async Task ACancelledReadEndsPromptlyAndDisposesTheStream()
    {
        await using var container = await SandboxContainer.StartAsync(fixture);
        var engine = fixture.Engine;
        var execId = await engine.CreateExecAsync(
            container.Id, new ExecDefinition { Command = ["sleep", "60"] }, CancellationToken.None).WaitAsync(Timeout);
        await using var stream = await engine.StartExecAsync(execId, tty: false, CancellationToken.None).WaitAsync(Timeout);

        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stream.ReadAsync(timeout.Token).AsTask().WaitAsync(Timeout));

        await Assert.ThrowsAsync<ObjectDisposedException>(() => stream.ReadAsync(CancellationToken.None).AsTask().WaitAsync(Timeout));
    }
}
