namespace Aspire.Sandbox.Worker.Docker;

/// <summary>An entry of <c>HostConfig.Mounts</c>; <see cref="Type"/> is <c>volume</c>, <c>bind</c> or <c>tmpfs</c>.</summary>
public sealed record Mount
{
    public required string Type { get; set; }

    /// <summary>Volume name for <c>volume</c> (created on first use), host path for <c>bind</c>.</summary>
    public string? Source { get; set; }

    public required string Target { get; set; }

    public bool ReadOnly { get; set; }
}
