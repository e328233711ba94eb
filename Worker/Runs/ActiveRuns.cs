using System.Collections.Concurrent;

namespace Aspire.Sandbox.Worker.Runs;

/// <summary>The runs this worker is executing, by session (a session runs one at a time).</summary>
public sealed class ActiveRuns
{
    private readonly ConcurrentDictionary<string, ActiveRun> _bySession = new(StringComparer.Ordinal);

    public void Add(ActiveRun run) => _bySession[run.SessionId] = run;

    /// <summary>How many runs this worker is executing (read when metrics are scraped).</summary>
    public int Count => _bySession.Count;

    public void Remove(ActiveRun run) => _bySession.TryRemove(new KeyValuePair<string, ActiveRun>(run.SessionId, run));

    /// <summary>The session's active run, if it is the one named (a message for an older run finds nothing).</summary>
    public ActiveRun? Find(string sessionId, string? runId) =>
        _bySession.TryGetValue(sessionId, out var run) && (runId is null || run.RunId == runId) ? run : null;
}
