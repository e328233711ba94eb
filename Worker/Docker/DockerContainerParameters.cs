using System.Globalization;
using Aspire.Sandbox.Worker.Engine;
using Docker.DotNet.Models;

namespace Aspire.Sandbox.Worker.Docker;

/// <summary>
/// What a <see cref="SandboxContainerDefinition"/> means to Docker: the isolation every sandbox gets (DESIGN §4)
/// plus the sandbox's own limits, mounts and labels. Nothing secret goes here: inspect shows all of it.
/// </summary>
internal static class DockerContainerParameters
{
    public static CreateContainerParameters For(SandboxContainerDefinition definition) => new()
    {
        Name = definition.Name,
        Image = definition.Image,
        Cmd = [.. definition.Command],
        User = definition.User,
        WorkingDir = definition.WorkingDir ?? "",
        Env = [.. definition.Env],
        Labels = new Dictionary<string, string>(definition.Labels),
        HostConfig = new HostConfig
        {
            NetworkMode = definition.Network ?? "none",
            ReadonlyRootfs = true,
            Tmpfs = new Dictionary<string, string>(definition.Tmpfs),
            Mounts =
            [
                .. definition.Volumes.Select(v => new Mount { Type = "volume", Source = v.Key, Target = v.Value }),
                // No propagation either way: the sandbox sees this one directory and nothing mounted under it later.
                .. definition.Binds.Select(b => new Mount { Type = "bind", Source = b.Key, Target = b.Value, BindOptions = new BindOptions { Propagation = "rprivate" } }),
            ],
            CapDrop = ["ALL"],
            SecurityOpt = ["no-new-privileges"],
            PidsLimit = definition.PidsLimit,
            Memory = definition.MemoryBytes,
            // Equal to Memory: no swap, so the memory limit is the limit.
            MemorySwap = definition.MemoryBytes,
            NanoCPUs = (long)(definition.Cpus * 1_000_000_000),
            // The engine's init as PID 1 forwards signals and reaps zombies.
            Init = true,
            // The default json-file log never rotates; exec output is streamed anyway.
            LogConfig = definition.LogMaxSize is { } maxSize
                ? new LogConfig { Type = "local", Config = new Dictionary<string, string> { ["max-size"] = maxSize } }
                : new LogConfig { Type = "none" },
        },
    };

    /// <summary>The engine counts the stop grace period in whole seconds.</summary>
    public static ContainerStopParameters Stop(TimeSpan grace) => new()
    {
        WaitBeforeKillSeconds = (uint)Math.Ceiling(Math.Max(0, grace.TotalSeconds)),
    };

    public static ContainersListParameters WithLabels(IReadOnlyDictionary<string, string> labels) => new()
    {
        All = true,
        Filters = new Dictionary<string, IDictionary<string, bool>>
        {
            ["label"] = labels.ToDictionary(l => string.Create(CultureInfo.InvariantCulture, $"{l.Key}={l.Value}"), _ => true),
        },
    };
}
