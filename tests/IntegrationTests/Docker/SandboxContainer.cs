using Aspire.Sandbox.Worker.Docker;

namespace Aspire.Sandbox.IntegrationTests.Docker;

/// <summary>A running container hardened the way sandboxes are (DESIGN §4); disposing removes it, volumes too.</summary>
internal sealed class SandboxContainer : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly DockerEngineClient _client;

    private SandboxContainer(DockerEngineClient client, string id)
    {
        _client = client;
        Id = id;
    }

    public string Id { get; }

    public static ContainerCreateRequest HardenedRequest(DockerEngineFixture fixture, IList<Mount>? mounts = null) => new()
    {
        Image = fixture.Image,
        Cmd = ["sleep", "infinity"],
        User = "1000",
        WorkingDir = "/tmp",
        Labels = fixture.Labels,
        HostConfig = new HostConfig
        {
            NetworkMode = "none",
            ReadonlyRootfs = true,
            Tmpfs = new Dictionary<string, string> { ["/tmp"] = "rw,nosuid,nodev,size=64m" },
            CapDrop = ["ALL"],
            SecurityOpt = ["no-new-privileges"],
            PidsLimit = 128,
            Memory = 256L * 1024 * 1024,
            MemorySwap = 256L * 1024 * 1024,
            NanoCpus = 1_000_000_000,
            Init = true,
            Mounts = mounts,
            LogConfig = new LogConfig { Type = "none" },
        },
    };

    /// <summary>Creates and starts; if start fails the container is removed before the error surfaces.</summary>
    public static async Task<SandboxContainer> StartAsync(DockerEngineFixture fixture, ContainerCreateRequest? request = null)
    {
        var client = fixture.Client;
        var id = await client.CreateContainerAsync(
            request ?? HardenedRequest(fixture), $"aspire-sandbox-test-{Guid.NewGuid():N}", CancellationToken.None).WaitAsync(Timeout);
        var container = new SandboxContainer(client, id);
        try
        {
            await client.StartContainerAsync(id, CancellationToken.None).WaitAsync(Timeout);
            return container;
        }
        catch
        {
            await container.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync() =>
        await _client.RemoveContainerAsync(Id, force: true, removeVolumes: true, CancellationToken.None).WaitAsync(Timeout);
}
