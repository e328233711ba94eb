using System.Globalization;
using Aspire.Sandbox.Worker.Engine;
using Aspire.Sandbox.Worker.Previews;

namespace Aspire.Sandbox.Worker.Sandboxes;

/// <summary>
/// The hardened container every session gets (DESIGN §4): no network, read-only root with a
/// writable workspace volume and /tmp, no capabilities, no privilege gain, non-root, limits, init.
/// </summary>
public static class SandboxContainerSpec
{
    public const string WorkspacePath = "/workspace";
    public const string SandboxUser = "1000:1000";

    public static string ContainerName(string sessionId) => $"sbx-{sessionId}";

    public static string VolumeName(string sessionId) => $"sbx-{sessionId}-workspace";

    /// <summary>Isolation (no network, read-only root, no capabilities, …) is the engine's part; the limits are ours.</summary>
    /// <param name="previewDirectory">The host directory of the preview relay's socket (mounted at <see cref="WorkerPreviewOptions.MountPath"/>); null: no previews.</param>
    /// <param name="network">An egress network for templates that need one; null keeps the sandbox without any.</param>
    public static SandboxContainerDefinition For(string sessionId, string image, WorkerOptions options, string? previewDirectory = null, string? network = null) => new()
    {
        Name = ContainerName(sessionId),
        Image = image,
        Command = ["sleep", "infinity"],
        User = SandboxUser,
        WorkingDir = WorkspacePath,
        Env = ["HOME=/home/sandbox", "LANG=C.UTF-8"],
        Labels = new Dictionary<string, string>
        {
            [SandboxLabels.Session] = sessionId,
            [SandboxLabels.App] = options.AppInstance,
        },
        Tmpfs = new Dictionary<string, string>
        {
            ["/tmp"] = $"rw,nosuid,nodev,size={options.TmpSize}",
            // The root is read-only, but shells and tools expect a writable home.
            ["/home/sandbox"] = $"rw,nosuid,nodev,size={options.TmpSize},uid=1000,gid=1000,mode=0755",
        },
        Volumes = new Dictionary<string, string> { [VolumeName(sessionId)] = WorkspacePath },
        Binds = previewDirectory is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [previewDirectory] = WorkerPreviewOptions.MountPath },
        Network = network,
        PidsLimit = options.PidsLimit,
        MemoryBytes = options.MemoryBytes,
        Cpus = options.Cpus,
        LogMaxSize = "1m",
    };

    public static string Describe(WorkerOptions o) => string.Create(CultureInfo.InvariantCulture,
        $"network none, read-only root, {o.MemoryBytes / (1024 * 1024)} MiB, {o.PidsLimit} pids, {o.Cpus} CPU");
}
