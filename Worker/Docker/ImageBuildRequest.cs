namespace Aspire.Sandbox.Worker.Docker;

/// <summary>
/// Query parameters of <c>POST /build</c>. Intermediate containers are always removed, also after a failed
/// step (<c>rm</c>, <c>forcerm</c>), so a broken Dockerfile leaves no stopped containers behind.
/// </summary>
public sealed record ImageBuildRequest
{
    /// <summary><c>repository:tag</c> given to the result; null builds an image reachable only by its id.</summary>
    public string? Tag { get; set; }

    /// <summary>Path of the Dockerfile inside the context.</summary>
    public string Dockerfile { get; set; } = "Dockerfile";

    /// <summary>Values for the Dockerfile's <c>ARG</c>s. Visible in the image history: never put secrets here.</summary>
    public IDictionary<string, string>? BuildArgs { get; set; }

    /// <summary>Added to the image on top of the Dockerfile's <c>LABEL</c>s.</summary>
    public IDictionary<string, string>? Labels { get; set; }

    /// <summary>
    /// Network of <c>RUN</c> steps: null for the engine's default bridge, <c>"none"</c> when nothing needs it,
    /// <c>"host"</c> only where package downloads need the host's own route.
    /// </summary>
    public string? NetworkMode { get; set; }
}
