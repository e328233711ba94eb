namespace Aspire.Sandbox.Worker;

/// <summary>How this worker runs sandboxes (section <c>Sandbox</c>).</summary>
public sealed class WorkerOptions
{
    public const string SectionName = "Sandbox";

    /// <summary>The sandbox image (built by scripts/setup.sh from sandbox/).</summary>
    public string Image { get; set; } = "aspire-sandbox:latest";

    /// <summary>Labels this app instance's containers, so they can be found and removed.</summary>
    public string AppInstance { get; set; } = "default";

    /// <summary>Remove this instance's containers when the worker stops (local development).</summary>
    public bool RemoveContainersOnShutdown { get; set; } = true;

    public long MemoryBytes { get; set; } = 512L * 1024 * 1024;
    public long PidsLimit { get; set; } = 256;
    public double Cpus { get; set; } = 1.0;
    public string TmpSize { get; set; } = "64m";

    /// <summary>Soft limit of a session's workspace (0: none); see WorkspaceQuotaWatch.</summary>
    public long WorkspaceLimitBytes { get; set; } = 1024L * 1024 * 1024;

    public TimeSpan WorkspaceCheckInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Grace period between SIGTERM and SIGKILL when a sandbox is stopped.</summary>
    public TimeSpan StopGracePeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the janitor reaps orphaned sandboxes and puts idle ones to sleep.</summary>
    public TimeSpan JanitorInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Work items claimed per read of the queue.</summary>
    public int ClaimBatchSize { get; set; } = 16;

    /// <summary>Idle poll interval: a safety net behind the pub/sub wake-up.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
}
