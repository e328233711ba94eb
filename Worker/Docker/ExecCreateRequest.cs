namespace Aspire.Sandbox.Worker.Docker;

/// <summary>Body of <c>POST /containers/{id}/exec</c>.</summary>
public sealed record ExecCreateRequest
{
    public required IList<string> Cmd { get; set; }

    /// <summary>The run's own environment: the only place secrets may go (never the container's Config.Env).</summary>
    public IList<string>? Env { get; set; }

    public string? User { get; set; }

    public string? WorkingDir { get; set; }

    public bool Tty { get; set; }

    public bool AttachStdin { get; set; }

    public bool AttachStdout { get; set; } = true;

    public bool AttachStderr { get; set; } = true;

    /// <summary>Initial [rows, cols] of the TTY; honoured from API 1.42, ignored by older engines.</summary>
    public IList<int>? ConsoleSize { get; set; }

    /// <summary>Set to an empty string to stop the engine from swallowing ctrl-p ctrl-q typed into a TTY.</summary>
    public string? DetachKeys { get; set; }
}
