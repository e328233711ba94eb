using System.Collections.Concurrent;

namespace Aspire.Sandbox.Worker.Sandboxes;

/// <summary>
/// The container id of each session whose sandbox this worker created or found, until it is removed. Its own
/// class so that the worker's metrics can count sandboxes without depending on <see cref="SandboxManager"/>.
/// </summary>
public sealed class SessionContainers
{
    private readonly ConcurrentDictionary<string, string> _bySession = new(StringComparer.Ordinal);

    /// <summary>Sandboxes this worker holds, running or asleep.</summary>
    public int Count => _bySession.Count;

    public bool TryGet(string sessionId, out string containerId) => _bySession.TryGetValue(sessionId, out containerId!);

    public void Set(string sessionId, string containerId) => _bySession[sessionId] = containerId;

    public void Remove(string sessionId) => _bySession.TryRemove(sessionId, out _);
}
