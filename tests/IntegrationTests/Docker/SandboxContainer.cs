using Aspire.Sandbox.Worker.Engine;

namespace Aspire.Sandbox.IntegrationTests.Docker;

/// <summary>A running sandbox container (DESIGN §4) made through the engine; disposing removes it, volumes too.</summary>
internal sealed class SandboxContainer : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly ISandboxEngine _engine;

    private SandboxContainer(ISandboxEngine engine, string id)
    {
        _engine = engine;
        Id = id;
    }

    public string Id { get; }

    public static SandboxContainerDefinition Definition(DockerEngineFixture fixture, IReadOnlyDictionary<string, string>? volumes = null) => new()
    {
        Name = $"aspire-sandbox-test-{Guid.NewGuid():N}",
        Image = fixture.Image,
        Command = ["sleep", "infinity"],
        User = "1000",
        WorkingDir = "/tmp",
        Labels = fixture.Labels,
        Tmpfs = new Dictionary<string, string> { ["/tmp"] = "rw,nosuid,nodev,size=64m" },
        Volumes = volumes ?? new Dictionary<string, string>(),
        PidsLimit = 128,
        MemoryBytes = 256L * 1024 * 1024,
        Cpus = 1,
    };

    /// <summary>Creates and starts; if start fails the container is removed before the error surfaces.</summary>
    public static async Task<SandboxContainer> StartAsync(DockerEngineFixture fixture, SandboxContainerDefinition? definition = null)
    {
        var engine = fixture.Engine;
        var id = await engine.CreateContainerAsync(definition ?? Definition(fixture), CancellationToken.None).WaitAsync(Timeout);
        var container = new SandboxContainer(engine, id);
        try
        {
            await engine.StartContainerAsync(id, CancellationToken.None).WaitAsync(Timeout);
            return container;
        }
        catch
        {
            await container.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync() =>
        await _engine.RemoveContainerAsync(Id, CancellationToken.None).WaitAsync(Timeout);
}
