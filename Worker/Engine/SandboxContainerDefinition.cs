namespace Aspire.Sandbox.Worker.Engine;

/// <summary>
/// A sandbox container. The engine always isolates it the same way (DESIGN §4): read-only root, no capabilities,
/// no privilege gain, an init as PID 1, swap off, no network unless <see cref="Network"/> names one. What varies
/// per sandbox is here.
/// Never put secrets in <see cref="Env"/>: anyone who can inspect the container reads it.
/// </summary>
public sealed record SandboxContainerDefinition
{
    public required string Name { get; init; }

    public required string Image { get; init; }

    public required IReadOnlyList<string> Command { get; init; }

    /// <summary>Non-root, e.g. <c>1000:1000</c>.</summary>
    public required string User { get; init; }

    public string? WorkingDir { get; init; }

    public IReadOnlyList<string> Env { get; init; } = [];

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>Writable tmpfs mounts over the read-only root: mount point to mount options.</summary>
    public IReadOnlyDictionary<string, string> Tmpfs { get; init; } = new Dictionary<string, string>();

    /// <summary>Named volumes (created on first use): volume name to mount point.</summary>
    public IReadOnlyDictionary<string, string> Volumes { get; init; } = new Dictionary<string, string>();

    /// <summary>Host directories bind-mounted into the sandbox: host path to mount point (the preview relay's socket directory).</summary>
    public IReadOnlyDictionary<string, string> Binds { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The network to join: null for none (the default of every sandbox); else an operator's egress network
    /// (<c>Sandbox:Docker:EgressNetwork</c>), never the engine's default bridge.
    /// </summary>
    public string? Network { get; init; }

    public required long MemoryBytes { get; init; }

    /// <summary>Fork-bomb containment: per-UID rlimits are shared across containers, the pids cgroup is not.</summary>
    public required long PidsLimit { get; init; }

    public required double Cpus { get; init; }

    /// <summary>Cap of the engine's own log of the main process; null keeps no log at all.</summary>
    public string? LogMaxSize { get; init; }
}
