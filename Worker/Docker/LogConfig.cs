namespace Aspire.Sandbox.Worker.Docker;

/// <summary>Log driver of a container: <c>none</c> (attach/exec still stream) or <c>local</c> (rotates).</summary>
public sealed record LogConfig
{
    public required string Type { get; set; }

    public IDictionary<string, string>? Config { get; set; }
}
