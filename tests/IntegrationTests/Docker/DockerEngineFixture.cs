using Aspire.Sandbox.Worker.Docker;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Aspire.Sandbox.IntegrationTests.Docker;

/// <summary>
/// The engine as the Worker uses it (<see cref="Engine"/>, the thing under test), the raw Docker.DotNet client an
/// operator would look with (<see cref="Docker"/>), the sandbox image to use, and a final sweep of anything this
/// test run left behind (matched by a per-run label, so other suites' containers are untouched).
/// </summary>
public sealed class DockerEngineFixture : IAsyncLifetime
{
    public const string TestLabel = "aspire-sandbox.test";
    public const string RunLabel = "aspire-sandbox.test.run";

    // The product image once a colleague's build has made it; the bare debootstrapped base until then.
    private static readonly string[] FallbackImages = ["aspire-sandbox:latest", "aspire-sandbox-base:bookworm"];
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public VersionPinnedDockerClient Pinned { get; } = new(DockerEngineOptions.FromEnvironment());

    public DockerEngineFixture()
    {
        Engine = new DockerSandboxEngine(Pinned);
        Builder = new DockerImageBuilder(Pinned);
    }

    public DockerSandboxEngine Engine { get; }

    public DockerImageBuilder Builder { get; }

    public DockerClient Docker { get; private set; } = null!;

    public string Image { get; private set; } = "";

    public string RunId { get; } = Guid.NewGuid().ToString("N");

    public Dictionary<string, string> Labels => new() { [TestLabel] = "1", [RunLabel] = RunId };

    public async Task InitializeAsync()
    {
        Docker = await Pinned.GetAsync(CancellationToken.None).AsTask().WaitAsync(Timeout);
        var requested = Environment.GetEnvironmentVariable("SANDBOX_IMAGE");
        foreach (var candidate in string.IsNullOrWhiteSpace(requested) ? FallbackImages : [requested])
        {
            if (await Engine.ImageExistsAsync(candidate, CancellationToken.None).WaitAsync(Timeout))
            {
                Image = candidate;
                return;
            }
        }

        throw new InvalidOperationException(
            $"None of the sandbox images [{string.Join(", ", FallbackImages)}] (or SANDBOX_IMAGE) exists on this engine.");
    }

    public async Task DisposeAsync()
    {
        try
        {
            var leftovers = await Engine.ListContainersAsync(
                new Dictionary<string, string> { [RunLabel] = RunId }, CancellationToken.None).WaitAsync(Timeout);
            foreach (var container in leftovers)
            {
                await Engine.RemoveContainerAsync(container.Id, CancellationToken.None).WaitAsync(Timeout);
            }
        }
        finally
        {
            Pinned.Dispose();
        }
    }

    /// <summary>The container as <c>docker inspect</c> shows it, or null when there is no such container.</summary>
    public async Task<ContainerInspectResponse?> InspectAsync(string containerId)
    {
        try
        {
            return await Docker.Containers.InspectContainerAsync(containerId, CancellationToken.None).WaitAsync(Timeout);
        }
        catch (DockerContainerNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The image as <c>docker image inspect</c> shows it, or null when there is no such image.</summary>
    public async Task<ImageInspectResponse?> InspectImageAsync(string image)
    {
        try
        {
            return await Docker.Images.InspectImageAsync(image, CancellationToken.None).WaitAsync(Timeout);
        }
        catch (DockerImageNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Removes a test image; one already gone is fine.</summary>
    public async Task RemoveImageAsync(string image)
    {
        try
        {
            await Docker.Images.DeleteImageAsync(image, new ImageDeleteParameters { Force = true }, CancellationToken.None).WaitAsync(Timeout);
        }
        catch (DockerImageNotFoundException)
        {
        }
    }
}
