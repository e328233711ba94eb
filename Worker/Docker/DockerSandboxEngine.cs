using Aspire.Sandbox.Worker.Engine;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Aspire.Sandbox.Worker.Docker;

/// <summary>
/// <see cref="ISandboxEngine"/> on the Docker engine through Docker.DotNet. Thread-safe; one per process.
/// Its only own work: the version pin, errors in our terms, "already so" answers treated as success, and
/// the mapping of a sandbox definition to a hardened container.
/// </summary>
public sealed partial class DockerSandboxEngine(VersionPinnedDockerClient docker) : ISandboxEngine, IDisposable
{
    public DockerSandboxEngine(DockerEngineOptions options)
        : this(new VersionPinnedDockerClient(options))
    {
    }

    public async Task<EngineVersion> GetVersionAsync(CancellationToken ct)
    {
        try
        {
            var version = await docker.GetVersionAsync(ct).ConfigureAwait(false);
            return new EngineVersion(version.Version ?? "", version.APIVersion);
        }
        catch (Exception e) when (e is not SandboxEngineException && DockerErrors.Translate(e, "GET /version", ct) is { } translated)
        {
            throw translated;
        }
    }

    public Task<bool> ImageExistsAsync(string image, CancellationToken ct) =>
        CallAsync("image inspect", async (client, token) =>
        {
            try
            {
                await client.Images.InspectImageAsync(image, token).ConfigureAwait(false);
                return true;
            }
            catch (Exception e) when (DockerErrors.IsNotFound(e))
            {
                return false;
            }
        }, ct);

    public Task<string> CreateContainerAsync(SandboxContainerDefinition definition, CancellationToken ct) =>
        CallAsync("container create", async (client, token) =>
            (await client.Containers.CreateContainerAsync(DockerContainerParameters.For(definition), token).ConfigureAwait(false)).ID, ct);

    // Both answer false for "already so" (304), which is what we want anyway.
    public Task StartContainerAsync(string containerId, CancellationToken ct) =>
        CallAsync("container start", (client, token) =>
            client.Containers.StartContainerAsync(containerId, new ContainerStartParameters(), token), ct);

    public Task StopContainerAsync(string containerId, TimeSpan grace, CancellationToken ct) =>
        CallAsync("container stop", (client, token) =>
            client.Containers.StopContainerAsync(containerId, DockerContainerParameters.Stop(grace), token), ct);

    public Task RemoveContainerAsync(string containerId, CancellationToken ct) =>
        CallAsync("container remove", (client, token) => IgnoreNotFoundAsync(() =>
            client.Containers.RemoveContainerAsync(containerId, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, token)), ct);

    public Task RemoveVolumeAsync(string name, CancellationToken ct) =>
        CallAsync("volume remove", (client, token) => IgnoreNotFoundAsync(() => client.Volumes.RemoveAsync(name, force: false, token)), ct);

    public Task<IReadOnlyList<SandboxContainerInfo>> ListContainersAsync(IReadOnlyDictionary<string, string> labels, CancellationToken ct) =>
        CallAsync<IReadOnlyList<SandboxContainerInfo>>("container list", async (client, token) =>
        {
            var found = await client.Containers.ListContainersAsync(DockerContainerParameters.WithLabels(labels), token).ConfigureAwait(false);
            return [.. found.Select(c => new SandboxContainerInfo(
                c.ID, c.State ?? "", (IReadOnlyDictionary<string, string>?)c.Labels?.AsReadOnly() ?? new Dictionary<string, string>()))];
        }, ct);

    // Never a compressed archive: the engine once ran the container's own decompressor as host root (CVE-2026-41567).
    public Task UploadArchiveAsync(string containerId, string directory, Stream tar, CancellationToken ct) =>
        CallAsync("archive upload", (client, token) => client.Containers.ExtractArchiveToContainerAsync(
            containerId, new CopyToContainerParameters { Path = directory, AllowOverwriteDirWithFile = false }, tar, token), ct);

    public void Dispose() => docker.Dispose();

    private async Task<T> CallAsync<T>(string what, Func<DockerClient, CancellationToken, Task<T>> call, CancellationToken ct)
    {
        try
        {
            var client = await docker.GetAsync(ct).ConfigureAwait(false);
            return await call(client, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not SandboxEngineException && DockerErrors.Translate(e, what, ct) is { } translated)
        {
            throw translated;
        }
    }

    private Task CallAsync(string what, Func<DockerClient, CancellationToken, Task> call, CancellationToken ct) =>
        CallAsync(what, async (client, token) =>
        {
            await call(client, token).ConfigureAwait(false);
            return true;
        }, ct);

    /// <summary>Cleanup of something already gone is done; repeating it must not fail.</summary>
    private static async Task IgnoreNotFoundAsync(Func<Task> remove)
    {
        try
        {
            await remove().ConfigureAwait(false);
        }
        catch (Exception e) when (DockerErrors.IsNotFound(e))
        {
        }
    }
}
