using Aspire.Sandbox.Worker.Docker;
using Aspire.Sandbox.Worker.Sandboxes;

namespace Aspire.Sandbox.IntegrationTests.Support;

/// <summary>Looks at sandbox containers directly through the engine, as an operator would.</summary>
public static class SandboxContainers
{
    private static readonly DockerEngineClient Docker = new(DockerEngineOptions.FromEnvironment());

    public static async Task<IReadOnlyList<string>> ListAsync(string appInstance)
    {
        var containers = await Docker.ListContainersAsync(new Dictionary<string, string> { [SandboxLabels.App] = appInstance }, all: true, CancellationToken.None);
        return containers.Select(c => c.Id).ToArray();
    }

    /// <summary>Stops the session's container behind the app's back (as a daemon restart without live-restore does).</summary>
    public static async Task StopSessionAsync(string sessionId)
    {
        var found = await Docker.ListContainersAsync(new Dictionary<string, string> { [SandboxLabels.Session] = sessionId }, all: true, CancellationToken.None);
        await Docker.StopContainerAsync(Assert.Single(found).Id, TimeSpan.FromSeconds(1), CancellationToken.None);
    }

    public static async Task<ContainerInspectResponse?> InspectSessionAsync(string sessionId)
    {
        var found = await Docker.ListContainersAsync(new Dictionary<string, string> { [SandboxLabels.Session] = sessionId }, all: true, CancellationToken.None);
        return found.Count == 0 ? null : await Docker.InspectContainerAsync(found[0].Id, CancellationToken.None);
    }
}
