using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting.Orchestration;

/// <summary>
/// One process of a resource and what is known about it. Mutated only through
/// <see cref="ResourceNotifications.Update"/>, which publishes the change.
/// </summary>
internal sealed class ResourceReplica(Resource resource, int index, string instanceId)
{
    public Resource Resource { get; } = resource;

    public int Index { get; } = index;

    /// <summary><c>api</c>, or <c>worker-1</c>, <c>worker-2</c> when there are several.</summary>
    public string Name { get; } = resource.Replicas > 1 ? $"{resource.Name}-{index + 1}" : resource.Name;

    /// <summary>8 random lower-case letters, Aspire's <c>service.instance.id</c> suffix.</summary>
    public string InstanceId { get; } = instanceId;

    public string State { get; set; } = KnownResourceStates.NotStarted;

    public ResourceHealthStatus Health { get; set; }

    public int? Pid { get; set; }

    public int? ExitCode { get; set; }

    public int Restarts { get; set; }

    /// <summary>Has been healthy at least once since the AppHost started; from then on exits mean restarts.</summary>
    public bool EverHealthy { get; set; }

    /// <summary>Why it is in its state, when that needs saying ("exited with code 1, restarting in 2 s").</summary>
    public string? Message { get; set; }

    public ResourceSnapshot ToSnapshot() => new(
        Name,
        Resource.Name,
        Resource.GetType().Name.Replace("Resource", string.Empty, StringComparison.Ordinal),
        State,
        Health,
        [.. Resource.Endpoints.Select(e => e.AllocatedPorts.Count > Index ? e.GetUrl(Index).ToString().TrimEnd('/') : e.Name)],
        Pid,
        Restarts,
        ExitCode,
        InstanceId,
        Message);

    public static string NewInstanceId() =>
        string.Create(8, 0, static (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = (char)('a' + Random.Shared.Next(26));
            }
        });
}
