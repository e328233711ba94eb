using Aspire.Sandbox.Worker.Docker;
using Aspire.Sandbox.Worker.Sandboxes;
using Docker.DotNet.Models;

namespace Aspire.Sandbox.IntegrationTests.Support;

/// <summary>Looks at sandbox containers directly through the engine, as an operator would (Docker.DotNet, not the app's engine).</summary>
public static class SandboxContainers
{
    private static readonly VersionPinnedDockerClient Docker = new(DockerEngineOptions.FromEnvironment());

    public static async Task<IReadOnlyList<string>> ListAsync(string appInstance) =>
        (await FindAsync(SandboxLabels.App, appInstance)).Select(c => c.ID).ToArray();

    /// <summary>Stops the session's container behind the app's back (as a daemon restart without live-restore does).</summary>
    public static async Task StopSessionAsync(string sessionId)
    {
        var found = await FindAsync(SandboxLabels.Session, sessionId);
        var client = await Docker.GetAsync(CancellationToken.None);
        await client.Containers.StopContainerAsync(Assert.Single(found).ID, new ContainerStopParameters { WaitBeforeKillSeconds = 1 }, CancellationToken.None);
    }

    public static async Task<ContainerInspectResponse?> InspectSessionAsync(string sessionId)
    {
        var found = await FindAsync(SandboxLabels.Session, sessionId);
        var client = await Docker.GetAsync(CancellationToken.None);
        return found.Count == 0 ? null : await client.Containers.InspectContainerAsync(found[0].ID, CancellationToken.None);
    }

    private static async Task<IList<ContainerListResponse>> FindAsync(string label, string value)
    {
        var client = await Docker.GetAsync(CancellationToken.None);
        return await client.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{label}={value}"] = true } },
        }, CancellationToken.None);
    }
}
