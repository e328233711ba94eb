namespace Aspire.Sandbox.Worker.Docker;

/// <summary>The <c>Config</c> block of an image inspect: what containers made from it start with.</summary>
public sealed record ImageConfig
{
    /// <summary>Dockerfile <c>LABEL</c>s and build-time labels, merged with those of the base image.</summary>
    public IDictionary<string, string>? Labels { get; set; }
}
