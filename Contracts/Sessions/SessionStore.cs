using System.Globalization;
using Aspire.Sandbox.Contracts.Redis;
using StackExchange.Redis;

namespace Aspire.Sandbox.Contracts.Sessions;

/// <summary>Session and run records, as Redis hashes (DESIGN §5).</summary>
public sealed class SessionStore(IConnectionMultiplexer redis, TimeProvider time)
{
    // Scripts run through RedisScripts.EvaluateAsync, never ScriptEvaluateAsync: after a SCRIPT FLUSH the first
    // EVALSHA is answered NOSCRIPT, and a status fence must not fail a caller for that.
    private IDatabase Db => redis.GetDatabase();

    /// <param name="labels">Kept as <c>label:{key}</c> fields of the session's hash, so listing filters read them in place.</param>
    /// <param name="traceParent">The W3C traceparent of the request creating it (its <c>trace</c> field): the Web's relay joins that trace.</param>
    public async Task<SessionRecord> CreateAsync(string id, string template, string? name, string ownerId, IReadOnlyDictionary<string, string>? labels = null,
        string? traceParent = null)
    {
        var now = time.GetUtcNow();
        var tx = Db.CreateTransaction();
        _ = tx.HashSetAsync(RedisKeys.Session(id),
        [
            new("id", id), new("template", template), new("name", name ?? ""), new("status", SessionStates.Starting),
            new("owner", ownerId), new("createdAt", Stamp(now)), new("lastActivityAt", Stamp(now)),
            .. (labels ?? new Dictionary<string, string>()).Select(l => new HashEntry(LabelPrefix + l.Key, l.Value)),
            .. TraceField(traceParent),
        ]);
        _ = tx.SetAddAsync(RedisKeys.OwnerSessions(ownerId), id);
        // Newest first, a page at a time (SessionListing).
        _ = tx.SortedSetAddAsync(SessionListing.ByCreation(ownerId), id, now.ToUnixTimeMilliseconds());
        await tx.ExecuteAsync();
        return new SessionRecord(id, template, name, SessionStates.Starting, ownerId, now, now, Labels: labels);
    }

    private const string LabelPrefix = "label:";
    private const string TraceFieldName = "trace";

    private static HashEntry[] TraceField(string? traceParent) =>
        traceParent is { Length: > 0 } ? [new(TraceFieldName, traceParent)] : [];

    /// <summary>The W3C traceparent the session was created under (its trace), or null.</summary>
    public async Task<string?> GetTraceParentAsync(string id) =>
        await Db.HashGetAsync(RedisKeys.Session(id), TraceFieldName) is { IsNullOrEmpty: false } value ? (string?)value : null;

    /// <summary>The W3C traceparent the run was created under (its trace), or null.</summary>
    public async Task<string?> GetRunTraceParentAsync(string runId) =>
        await Db.HashGetAsync(RedisKeys.Run(runId), TraceFieldName) is { IsNullOrEmpty: false } value ? (string?)value : null;

    public async Task<SessionRecord?> GetAsync(string id)
    {
        var fields = (await Db.HashGetAllAsync(RedisKeys.Session(id))).ToDictionary(e => (string)e.Name!, e => (string)e.Value!);
        if (!fields.TryGetValue("id", out var sessionId)) return null;
        return new SessionRecord(sessionId, fields["template"], fields["name"] is { Length: > 0 } n ? n : null,
            fields["status"], fields["owner"], Parse(fields["createdAt"]), Parse(fields["lastActivityAt"]),
            fields.TryGetValue("currentRun", out var run) && run.Length > 0 ? run : null,
            fields.GetValueOrDefault("agentSession"),
            fields.Where(f => f.Key.StartsWith(LabelPrefix, StringComparison.Ordinal)).ToDictionary(f => f.Key[LabelPrefix.Length..], f => f.Value));
    }

    /// <summary>Keeps the session's secrets (sealed, see SecretSealer) in its record, for every later run.</summary>
    public Task SetSealedSecretsAsync(string id, string sealedSecrets) =>
        Db.HashSetAsync(RedisKeys.Session(id), "secrets", sealedSecrets);

    /// <summary>The agent's own conversation id (an <c>agent-session</c> frame), which the session's next prompt continues.</summary>
    public Task SetAgentSessionAsync(string id, string agentSessionId) =>
        Db.HashSetAsync(RedisKeys.Session(id), "agentSession", agentSessionId);

    /// <summary>The sealed secrets given when the session was created, or null.</summary>
    public async Task<string?> GetSealedSecretsAsync(string id) =>
        await Db.HashGetAsync(RedisKeys.Session(id), "secrets") is { IsNullOrEmpty: false } value ? (string?)value : null;

    public async Task<IReadOnlyList<string>> ListIdsAsync(string ownerId) =>
        (await Db.SetMembersAsync(RedisKeys.OwnerSessions(ownerId))).Select(v => (string)v!).ToArray();

    public Task SetStatusAsync(string id, string status) =>
        Db.HashSetAsync(RedisKeys.Session(id), [new("status", status), new("lastActivityAt", Stamp(time.GetUtcNow()))]);

    /// <summary>Records activity (a viewer, input) without changing anything else; sessions that are gone stay gone.</summary>
    public Task TouchAsync(string id)
    {
        const string lua = """
            if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            redis.call('HSET', KEYS[1], 'lastActivityAt', ARGV[1])
            return 1
            """;
        return Db.EvaluateAsync(lua, [RedisKeys.Session(id)], [Stamp(time.GetUtcNow())]);
    }

    /// <summary>Moves a session from one status to another; false when it was not in <paramref name="from"/>.</summary>
    public async Task<bool> TryTransitionStatusAsync(string id, string from, string to)
    {
        const string lua = """
            if redis.call('HGET', KEYS[1], 'status') ~= ARGV[1] then return 0 end
            redis.call('HSET', KEYS[1], 'status', ARGV[2])
            return 1
            """;
        return (int)await Db.EvaluateAsync(lua, [RedisKeys.Session(id)], [from, to]) == 1;
    }

    /// <summary>Sets a session's status (and activity time) and returns the status it had before.</summary>
    public async Task<string?> SwapStatusAsync(string id, string status)
    {
        const string lua = """
            local previous = redis.call('HGET', KEYS[1], 'status')
            redis.call('HSET', KEYS[1], 'status', ARGV[1], 'lastActivityAt', ARGV[2])
            return previous
            """;
        return (string?)await Db.EvaluateAsync(lua, [RedisKeys.Session(id)], [status, Stamp(time.GetUtcNow())]);
    }

    /// <summary>
    /// Ends a session that is still live with <paramref name="status"/> (one of <see cref="SessionStates.Ended"/>);
    /// false when it is gone or had already ended, so of two parties ending it only one announces it.
    /// </summary>
    public async Task<bool> TryEndAsync(string id, string status)
    {
        const string lua = """
            local current = redis.call('HGET', KEYS[1], 'status')
            if not current then return 0 end
            for i = 3, #ARGV do if current == ARGV[i] then return 0 end end
            redis.call('HSET', KEYS[1], 'status', ARGV[1], 'lastActivityAt', ARGV[2])
            return 1
            """;
        RedisValue[] args = [status, Stamp(time.GetUtcNow()), .. SessionStates.Ended.Select(s => (RedisValue)s)];
        return (int)await Db.EvaluateAsync(lua, [RedisKeys.Session(id)], args) == 1;
    }

    /// <summary>
    /// Records which run is executing now (null when none), so input and stop know their target,
    /// and which worker executes it (for operators, and for tests that kill that worker).
    /// </summary>
    public Task SetCurrentRunAsync(string sessionId, string? runId, string? workerId = null) =>
        Db.HashSetAsync(RedisKeys.Session(sessionId),
            [new("currentRun", runId ?? ""), new("worker", workerId ?? ""), new("lastActivityAt", Stamp(time.GetUtcNow()))]);

    public async Task<RunRecord?> GetRunAsync(string runId)
    {
        var values = await Db.HashGetAsync(RedisKeys.Run(runId), ["session", "status", "exitCode", "stop"]);
        if (values[0].IsNull) return null;
        var exit = values[2].IsNullOrEmpty ? (int?)null : int.Parse((string)values[2]!, CultureInfo.InvariantCulture);
        return new RunRecord(runId, (string)values[0]!, (string?)values[1] ?? RunStates.Queued, exit, values[3] == "1");
    }

    /// <summary>Marks a run to be stopped: a running one is stopped by its worker, a queued one never starts.</summary>
    public Task RequestStopAsync(string runId) => Db.HashSetAsync(RedisKeys.Run(runId), "stop", "1");

    /// <param name="traceParent">The W3C traceparent of the request creating it, kept as the run's <c>trace</c> field.</param>
    public async Task AddRunAsync(string sessionId, string runId, string? traceParent = null)
    {
        var tx = Db.CreateTransaction();
        _ = tx.HashSetAsync(RedisKeys.Run(runId), [new("id", runId), new("session", sessionId), new("status", RunStates.Queued), .. TraceField(traceParent)]);
        _ = tx.ListRightPushAsync(RedisKeys.SessionRuns(sessionId), runId);
        _ = tx.HashSetAsync(RedisKeys.Session(sessionId), "lastActivityAt", Stamp(time.GetUtcNow()));
        await tx.ExecuteAsync();
    }

    /// <summary>Moves a run from one state to another; false when it was not in <paramref name="from"/> (already taken).</summary>
    public async Task<bool> TryTransitionRunAsync(string runId, string from, string to)
    {
        const string lua = """
            if redis.call('HGET', KEYS[1], 'status') ~= ARGV[1] then return 0 end
            redis.call('HSET', KEYS[1], 'status', ARGV[2])
            return 1
            """;
        return (int)await Db.EvaluateAsync(lua, [RedisKeys.Run(runId)], [from, to]) == 1;
    }

    /// <summary>
    /// Ends a run that is <c>running</c>: false when it is not (another worker adopted and ended it) —
    /// the fence that keeps a stale worker from reporting a second end.
    /// </summary>
    public async Task<bool> TryFinishRunAsync(string runId, string status, int? exitCode)
    {
        const string lua = """
            if redis.call('HGET', KEYS[1], 'status') ~= ARGV[1] then return 0 end
            redis.call('HSET', KEYS[1], 'status', ARGV[2], 'exitCode', ARGV[3])
            return 1
            """;
        var code = exitCode?.ToString(CultureInfo.InvariantCulture) ?? "";
        return (int)await Db.EvaluateAsync(lua, [RedisKeys.Run(runId)], [RunStates.Running, status, code]) == 1;
    }

    public async Task<IReadOnlyList<RunRecord>> GetRunsAsync(string sessionId)
    {
        var ids = await Db.ListRangeAsync(RedisKeys.SessionRuns(sessionId));
        var runs = new List<RunRecord>(ids.Length);
        foreach (var id in ids)
            if (await GetRunAsync((string)id!) is { } run) runs.Add(run);
        return runs;
    }

    private static string Stamp(DateTimeOffset t) => t.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string stamp) =>
        DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(stamp, CultureInfo.InvariantCulture));
}
