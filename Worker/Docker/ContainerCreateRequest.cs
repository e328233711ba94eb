namespace Aspire.Sandbox.Worker.Docker;

/// <summary>
/// Body of <c>POST /containers/create</c> (the Engine API's ContainerConfig plus HostConfig).
/// Property names are the wire names; nulls are omitted so the engine applies its own defaults.
/// </summary>
public sealed record ContainerCreateRequest
{
    public required string Image { get; set; }

    public IList<string>? Cmd { get; set; }

    public IList<string>? Entrypoint { get; set; }

    /// <summary>Container-wide environment. Never put secrets here: it is visible to anyone who can inspect.</summary>
    public IList<string>? Env { get; set; }

    public string? User { get; set; }

    public string? WorkingDir { get; set; }

    public string? Hostname { get; set; }

    public IDictionary<string, string>? Labels { get; set; }

    public bool Tty { get; set; }

    public bool OpenStdin { get; set; }

    public bool StdinOnce { get; set; }

    public bool AttachStdin { get; set; }

    public bool AttachStdout { get; set; }

    public bool AttachStderr { get; set; }

    /// <summary>Belt and braces next to <c>HostConfig.NetworkMode = "none"</c>.</summary>
    public bool? NetworkDisabled { get; set; }

    public string? StopSignal { get; set; }

    /// <summary>Seconds the engine waits after the stop signal before it kills (API 1.25+).</summary>
    public int? StopTimeout { get; set; }

    public HostConfig? HostConfig { get; set; }
}
