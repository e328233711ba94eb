namespace Aspire.Hosting;

/// <summary>What the dashboard and tests see of one replica at a moment.</summary>
public sealed record ResourceSnapshot(
    string Name,
    string ResourceName,
    string Type,
    string State,
    ResourceHealthStatus Health,
    IReadOnlyList<string> Urls,
    int? Pid,
    int Restarts,
    int? ExitCode,
    string InstanceId,
    string? Message);
