using System.Globalization;
using Aspire.Sandbox.Contracts.Redis;
using StackExchange.Redis;

/// <summary>
/// Reads every session record of this app's Redis in a bounded number of round trips: SCAN for the session hashes
/// (one per 1 000 keys of the keyspace), then one pipelined batch for the sessions (HGETALL, the worker key, the last
/// run id) and one for their last runs (HMGET) and their workers' leases (EXISTS). Each app has its own Redis, so this
/// sees only its own sessions.
/// </summary>
internal sealed class SandboxRecordReader(IConnectionMultiplexer redis)
{
    private const int ScanPageSize = 1000;
    private static readonly string SessionPrefix = RedisKeys.KeyPrefix + "session:";

    /// <summary>Ids of every session hash (<c>sbx:session:{id}</c>, not its <c>:runs</c> or <c>:worker</c> keys).</summary>
    public async Task<IReadOnlyList<string>> ListSessionIdsAsync(CancellationToken ct)
    {
        var ids = new List<string>();
        foreach (var server in redis.GetServers())
        {
            if (server.IsReplica) continue;
            await foreach (var key in server.KeysAsync(pattern: SessionPrefix + "*", pageSize: ScanPageSize).WithCancellation(ct))
            {
                var id = ((string)key!)[SessionPrefix.Length..];
                if (id.Length > 0 && !id.Contains(':', StringComparison.Ordinal)) ids.Add(id);
            }
        }
        return ids;
    }

    /// <summary>The records of <paramref name="ids"/>; a session whose hash is gone is left out.</summary>
    public async Task<IReadOnlyList<SandboxRecord>> ReadAsync(IReadOnlyList<string> ids)
    {
        if (ids.Count == 0) return [];
        var db = redis.GetDatabase();

        var batch = db.CreateBatch();
        var hashes = new Task<HashEntry[]>[ids.Count];
        var workers = new Task<RedisValue>[ids.Count];
        var lastRuns = new Task<RedisValue>[ids.Count];
        for (var i = 0; i < ids.Count; i++)
        {
            hashes[i] = batch.HashGetAllAsync(RedisKeys.Session(ids[i]));
            workers[i] = batch.StringGetAsync(RedisKeys.SessionWorker(ids[i]));
            lastRuns[i] = batch.ListGetByIndexAsync(RedisKeys.SessionRuns(ids[i]), -1);
        }
        batch.Execute();
        await Task.WhenAll([.. hashes, .. workers, .. lastRuns]);

        var runBatch = db.CreateBatch();
        var runs = new Task<RedisValue[]>?[ids.Count];
        var leases = new Task<bool>?[ids.Count];
        for (var i = 0; i < ids.Count; i++)
        {
            if (!lastRuns[i].Result.IsNullOrEmpty)
                runs[i] = runBatch.HashGetAsync(RedisKeys.Run((string)lastRuns[i].Result!), ["status", "exitCode"]);
            if (!workers[i].Result.IsNullOrEmpty)
                leases[i] = runBatch.KeyExistsAsync(RedisKeys.WorkerLease((string)workers[i].Result!));
        }
        runBatch.Execute();
        await Task.WhenAll([.. runs.OfType<Task<RedisValue[]>>(), .. leases.OfType<Task<bool>>()]);

        var records = new List<SandboxRecord>(ids.Count);
        for (var i = 0; i < ids.Count; i++)
        {
            var fields = hashes[i].Result.ToDictionary(e => (string)e.Name!, e => (string?)e.Value ?? "");
            if (!fields.TryGetValue("status", out var status)) continue; // deleted from Redis meanwhile
            var run = runs[i]?.Result;
            records.Add(new SandboxRecord(
                ids[i],
                status,
                fields.GetValueOrDefault("template", ""),
                Stamp(fields.GetValueOrDefault("createdAt")),
                Stamp(fields.GetValueOrDefault("lastActivityAt")),
                NullIfEmpty(fields.GetValueOrDefault("currentRun")),
                NullIfEmpty((string?)workers[i].Result) ?? NullIfEmpty(fields.GetValueOrDefault("worker")),
                NullIfEmpty((string?)lastRuns[i].Result),
                run is null ? null : NullIfEmpty((string?)run[0]),
                run is null || !int.TryParse((string?)run[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exit) ? null : exit,
                TraceIdOf(fields.GetValueOrDefault("trace")),
                WorkerGone: leases[i] is { } lease && !lease.Result));
        }
        return records;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>The trace id of a W3C <c>traceparent</c> (<c>00-{32 hex}-{16 hex}-{flags}</c>), else null.</summary>
    public static string? TraceIdOf(string? traceparent) =>
        traceparent?.Split('-') is [_, { Length: 32 } id, { Length: 16 }, _] && id.All(char.IsAsciiHexDigitLower) && id.Any(c => c != '0')
            ? id
            : null;

    private static DateTimeOffset? Stamp(string? ms) =>
        long.TryParse(ms, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? DateTimeOffset.FromUnixTimeMilliseconds(value) : null;
}
