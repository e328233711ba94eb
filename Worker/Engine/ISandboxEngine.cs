namespace Aspire.Sandbox.Worker.Engine;

/// <summary>
/// What the Worker needs from a container engine to run sandboxes: hardened containers found by label,
/// processes run inside them with live output, stdin and a terminal, and files put into their workspace.
/// Every call may throw <see cref="EngineUnavailableException"/> (the engine is away or went away mid-call);
/// the domain retries those later instead of failing the session.
/// </summary>
public interface ISandboxEngine
{
    /// <summary>Asks the engine who it is; the cheapest "are you there" there is.</summary>
    Task<EngineVersion> GetVersionAsync(CancellationToken ct);

    Task<bool> ImageExistsAsync(string image, CancellationToken ct);

    /// <summary>Creates (does not start) a container isolated as <see cref="SandboxContainerDefinition"/> describes.</summary>
    /// <returns>The container id.</returns>
    /// <exception cref="EngineConflictException">The name is taken.</exception>
    Task<string> CreateContainerAsync(SandboxContainerDefinition definition, CancellationToken ct);

    /// <summary>Starts a container; one already running is fine.</summary>
    Task StartContainerAsync(string containerId, CancellationToken ct);

    /// <summary>Stop signal, then SIGKILL after <paramref name="grace"/>; one already stopped is fine.</summary>
    Task StopContainerAsync(string containerId, TimeSpan grace, CancellationToken ct);

    /// <summary>Kills and removes a container with its anonymous volumes; one already gone is fine, so cleanup can repeat.</summary>
    Task RemoveContainerAsync(string containerId, CancellationToken ct);

    /// <summary>Removes a named volume; one already gone is fine.</summary>
    /// <exception cref="EngineConflictException">A container still uses it.</exception>
    Task RemoveVolumeAsync(string name, CancellationToken ct);

    /// <summary>Containers, running or not, that carry every given label with the given value.</summary>
    Task<IReadOnlyList<SandboxContainerInfo>> ListContainersAsync(IReadOnlyDictionary<string, string> labels, CancellationToken ct);

    /// <summary>Extracts an uncompressed tar into <paramref name="directory"/> of a container. The caller keeps the stream.</summary>
    Task UploadArchiveAsync(string containerId, string directory, Stream tar, CancellationToken ct);

    /// <returns>The exec id, for <see cref="StartExecAsync"/>, <see cref="ResizeExecAsync"/> and <see cref="InspectExecAsync"/>.</returns>
    /// <exception cref="EngineConflictException">The container is not running.</exception>
    Task<string> CreateExecAsync(string containerId, ExecDefinition definition, CancellationToken ct);

    /// <summary>Starts the exec and returns its live stream; <paramref name="tty"/> must match its definition.</summary>
    Task<IExecStream> StartExecAsync(string execId, bool tty, CancellationToken ct);

    /// <summary>Sets the terminal size of an exec created with a TTY (also before its first output).</summary>
    Task ResizeExecAsync(string execId, int cols, int rows, CancellationToken ct);

    Task<ExecState> InspectExecAsync(string execId, CancellationToken ct);
}
