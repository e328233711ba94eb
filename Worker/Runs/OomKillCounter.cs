using System.Collections.Concurrent;

namespace Aspire.Sandbox.Worker.Runs;

/// <summary>
/// Tells whether a SIGKILLed run was the kernel's OOM killer's doing: the sandbox's oom_kill counter
/// went up. The last count seen per container is remembered, so reading it costs nothing on the
/// path that starts a run — it is read only after a run died of SIGKILL.
/// </summary>
public sealed class OomKillCounter(ProcessSignaller signaller)
{
    private readonly ConcurrentDictionary<string, long> _lastSeen = new(StringComparer.Ordinal);

    /// <summary>True when the OOM killer struck since the last time this container was checked.</summary>
    public async Task<bool> StruckSinceLastCheckAsync(string containerId, CancellationToken ct)
    {
        var now = await signaller.OomKillsAsync(containerId, ct);
        var before = _lastSeen.GetValueOrDefault(containerId);
        _lastSeen[containerId] = now;
        return now > before;
    }
}
