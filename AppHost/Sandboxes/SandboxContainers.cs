
/// <summary>
/// Container id and image of each session's sandbox, which Redis does not hold: one <c>docker ps</c> for all
/// sandboxes (by the worker's <c>aspire-sandbox.session</c> label), run only when a live session has none known yet
/// and at most every few seconds, so 100 sandboxes cost no more than one.
/// </summary>
internal sealed class SandboxContainers(TimeProvider time)
{
    private const string SessionLabel = "aspire-sandbox.session";
    private static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(3);

    private readonly Dictionary<string, SandboxContainer> _bySession = new(StringComparer.Ordinal);
    private DateTimeOffset _lastListed = DateTimeOffset.MinValue;

    public SandboxContainer? Find(string sessionId) => _bySession.GetValueOrDefault(sessionId);

    /// <summary>Lists the engine's sandboxes again when one of <paramref name="liveSessions"/> has no container known.</summary>
    public async Task RefreshAsync(IEnumerable<string> liveSessions, CancellationToken ct)
    {
        if (!liveSessions.Any(id => !_bySession.ContainsKey(id))) return;
        if (time.GetUtcNow() - _lastListed < MinInterval) return;
        _lastListed = time.GetUtcNow();

        var output = await DockerPsAsync(ct);
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split(' ', 3);
            if (parts.Length == 3 && parts[2].Length > 0) _bySession[parts[2]] = new SandboxContainer(parts[0], parts[1]);
        }
    }

    /// <summary>Forgets a session that is gone for good, so the cache does not grow with history.</summary>
    public void Forget(string sessionId) => _bySession.Remove(sessionId);

    private static Task<string> DockerPsAsync(CancellationToken ct) => DockerCli.RunAsync(
        ["ps", "-a", "--no-trunc", "--filter", $"label={SessionLabel}", "--format", "{{.ID}} {{.Image}} {{.Label \"" + SessionLabel + "\"}}"], ct);
}

internal sealed record SandboxContainer(string Id, string Image);
