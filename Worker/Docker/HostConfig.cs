namespace Aspire.Sandbox.Worker.Docker;

/// <summary>
/// The part of the container configuration that is about the host: isolation and limits.
/// Used both when creating (omit what you do not set) and when reading back an inspect.
/// </summary>
public sealed record HostConfig
{
    /// <summary>Sandboxes always use <c>"none"</c>: no route to anything, including Redis and the engine.</summary>
    public string? NetworkMode { get; set; }

    public bool? ReadonlyRootfs { get; set; }

    /// <summary>Mount point to tmpfs options, e.g. <c>"/tmp" = "rw,noexec,nosuid,size=64m"</c>.</summary>
    public IDictionary<string, string>? Tmpfs { get; set; }

    public IList<string>? CapDrop { get; set; }

    public IList<string>? CapAdd { get; set; }

    /// <summary>e.g. <c>"no-new-privileges"</c>. Never add <c>seccomp=unconfined</c>.</summary>
    public IList<string>? SecurityOpt { get; set; }

    /// <summary>Fork-bomb containment: per-UID rlimits are shared across containers, the pids cgroup is not.</summary>
    public long? PidsLimit { get; set; }

    /// <summary>Bytes.</summary>
    public long? Memory { get; set; }

    /// <summary>Memory plus swap in bytes; equal to <see cref="Memory"/> means no swap.</summary>
    public long? MemorySwap { get; set; }

    /// <summary>CPU quota in 1e-9 CPUs (1_000_000_000 = one CPU).</summary>
    public long? NanoCpus { get; set; }

    /// <summary>Runs the engine's init (tini) as PID 1 so signals are forwarded and zombies reaped.</summary>
    public bool? Init { get; set; }

    public IList<Mount>? Mounts { get; set; }

    /// <summary>Keep off for sandboxes: the exit code and OOM flag must be read before the container goes.</summary>
    public bool? AutoRemove { get; set; }

    public int? OomScoreAdj { get; set; }

    public long? ShmSize { get; set; }

    public string? IpcMode { get; set; }

    public string? CgroupnsMode { get; set; }

    public IList<Ulimit>? Ulimits { get; set; }

    /// <summary>The default json-file driver never rotates; a chatty agent could fill the host disk.</summary>
    public LogConfig? LogConfig { get; set; }
}
