namespace Aspire.Sandbox.Worker.Docker;

/// <summary>What <c>GET /containers/{id}/json</c> returns, limited to the fields we act on.</summary>
public sealed record ContainerInspectResponse
{
    public string Id { get; set; } = "";

    /// <summary>The engine prefixes it with a slash, e.g. <c>/sandbox-42</c>.</summary>
    public string? Name { get; set; }

    public string? Image { get; set; }

    public ContainerState State { get; set; } = new();

    public ContainerConfig Config { get; set; } = new();

    public HostConfig HostConfig { get; set; } = new();
}
