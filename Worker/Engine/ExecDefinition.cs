namespace Aspire.Sandbox.Worker.Engine;

/// <summary>A process to run inside an existing container.</summary>
public sealed record ExecDefinition
{
    public required IReadOnlyList<string> Command { get; init; }

    /// <summary>This process's own environment: the only place secrets may go (never the container's).</summary>
    public IReadOnlyList<string> Env { get; init; } = [];

    public string? User { get; init; }

    public string? WorkingDir { get; init; }

    /// <summary>A terminal: output is one raw stream, and the engine passes every key through (no detach keys).</summary>
    public bool Tty { get; init; }

    /// <summary>Whether the process gets the stream's stdin; without it, it reads end-of-file at once.</summary>
    public bool AttachStdin { get; init; }
}
