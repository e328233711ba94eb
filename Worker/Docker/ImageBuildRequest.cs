namespace Aspire.Sandbox.Worker.Docker;

/// <summary>What to build from a context.</summary>
public sealed record ImageBuildRequest
{
    /// <summary><c>repository:tag</c> given to the result; null builds an image reachable only by its id.</summary>
    public string? Tag { get; init; }

    /// <summary>Path of the Dockerfile inside the context.</summary>
    public string Dockerfile { get; init; } = "Dockerfile";

    /// <summary>Values for the Dockerfile's <c>ARG</c>s. Visible in the image history: never put secrets here.</summary>
    public IReadOnlyDictionary<string, string>? BuildArgs { get; init; }

    /// <summary>Added to the image on top of the Dockerfile's <c>LABEL</c>s.</summary>
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    /// <summary>Network of <c>RUN</c> steps: null for the engine's default, <c>"none"</c> when nothing needs it.</summary>
    public string? NetworkMode { get; init; }
}
