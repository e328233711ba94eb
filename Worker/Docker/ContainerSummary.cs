namespace Aspire.Sandbox.Worker.Docker;

/// <summary>One row of <c>GET /containers/json</c>.</summary>
public sealed record ContainerSummary
{
    public string Id { get; set; } = "";

    /// <summary>Names with the engine's leading slash, e.g. <c>/sandbox-42</c>.</summary>
    public IList<string> Names { get; set; } = [];

    public string? Image { get; set; }

    public IDictionary<string, string>? Labels { get; set; }

    /// <summary><c>created</c>, <c>running</c>, <c>exited</c>, … (same words as <see cref="ContainerState.Status"/>).</summary>
    public string State { get; set; } = "";

    /// <summary>Human text such as "Up 5 minutes".</summary>
    public string? Status { get; set; }

    /// <summary>Unix seconds.</summary>
    public long Created { get; set; }
}
