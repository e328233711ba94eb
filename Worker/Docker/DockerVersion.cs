namespace Aspire.Sandbox.Worker.Docker;

/// <summary>What unversioned <c>GET /version</c> returns; the source of API version negotiation.</summary>
public sealed record DockerVersion
{
    public string? Version { get; set; }

    public string ApiVersion { get; set; } = "";

    /// <summary>Oldest API version the engine accepts (1.44 on Engine 29); absent before API 1.25.</summary>
    public string? MinAPIVersion { get; set; }

    public string? Os { get; set; }

    public string? Arch { get; set; }

    public string? KernelVersion { get; set; }
}
