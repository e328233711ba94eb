using System.Text.Json;
using Aspire.Sandbox.Contracts.Work;
using StackExchange.Redis;

namespace Aspire.Sandbox.Contracts.Redis;

/// <summary>
/// The work stream with its consumer group: at-least-once delivery, acknowledged when done, in order per
/// session. Each session is driven by one worker (the one that took its first entry): another worker that
/// reads an entry of it hands it over. A worker holds a lease (a key with a time-to-live it renews); when the
/// lease of a worker has expired, another adopts every entry it held, marked <see cref="WorkItem.Reclaimed"/>,
/// and its sessions. Claims, hand-overs and adoptions are Lua, each one atomic step over several keys; a pub/sub
/// message wakes idle workers instead of a blocking read (StackExchange.Redis has none).
/// </summary>
public sealed class WorkQueue(IConnectionMultiplexer redis)
{
    /// <summary>Sealed secrets of a run that never starts are gone after this anyway.</summary>
    public static readonly TimeSpan SecretsTimeToLive = TimeSpan.FromDays(7);

    /// <summary>A session with no work for this long may be taken by any worker.</summary>
    public static readonly TimeSpan SessionOwnerTimeToLive = TimeSpan.FromDays(7);

    private IDatabase Db => redis.GetDatabase();

    public async Task<string> EnqueueAsync(WorkItem item)
    {
        var (body, secrets) = SplitSecrets(item);
        var result = await Db.EvaluateAsync(WorkQueueScripts.Enqueue, [RedisKeys.Work],
            [item.Kind, item.SessionId, item.RunId ?? "", body, secrets, (long)SecretsTimeToLive.TotalSeconds,
             (string)RedisKeys.WorkWakeUp!, RedisKeys.KeyPrefix, item.TraceParent ?? ""]);
        return (string)result!;
    }

    public static string Body<T>(T payload) => JsonSerializer.Serialize(payload, JsonSerializerOptions.Web);

    public static T ReadBody<T>(WorkItem item) =>
        JsonSerializer.Deserialize<T>(item.Body, JsonSerializerOptions.Web)
        ?? throw new JsonException($"Work item {item.EntryId} has an empty body.");

    /// <summary>Creates the stream and its group if missing; a group that exists already is left as it is.</summary>
    public async Task EnsureGroupAsync()
    {
        try { await Db.StreamCreateConsumerGroupAsync(RedisKeys.Work, RedisKeys.WorkGroup, StreamPosition.Beginning, createStream: true); }
        catch (RedisServerException e) when (e.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal)) { }
    }

    /// <summary>
    /// Claims up to <paramref name="count"/> new entries for <paramref name="consumer"/>, plus entries handed to
    /// it and those it adopted from dead workers on the way, in the order they must run per session.
    /// </summary>
    public async Task<IReadOnlyList<WorkItem>> ReadAsync(string consumer, int count) =>
        ToItems(await Db.EvaluateAsync(WorkQueueScripts.Read, [RedisKeys.Work],
            [.. Common(consumer), count, (string)RedisKeys.WorkWakeUp!]));

    /// <summary>Adopts the entries of every worker whose lease expired more than <paramref name="lease"/> ago.</summary>
    public async Task<IReadOnlyList<WorkItem>> ReclaimAsync(string consumer, TimeSpan lease) =>
        ToItems(await Db.EvaluateAsync(WorkQueueScripts.Reclaim, [RedisKeys.Work],
            [.. Common(consumer), (long)lease.TotalMilliseconds]));

    /// <summary>Takes or renews <paramref name="consumer"/>'s lease: it counts as alive for <paramref name="lease"/>.</summary>
    public Task RenewLeaseAsync(string consumer, TimeSpan lease) =>
        Db.StringSetAsync(RedisKeys.WorkerLease(consumer), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), lease);

    /// <summary>Gives the lease up (clean shutdown), so other workers adopt what is left at once.</summary>
    public Task ReleaseLeaseAsync(string consumer) => Db.KeyDeleteAsync(RedisKeys.WorkerLease(consumer));

    /// <summary>Done: acknowledged, deleted from the stream, and the run's sealed secrets (if any) deleted.</summary>
    public Task AcknowledgeAsync(string entryId, string? runId = null) =>
        Db.EvaluateAsync(WorkQueueScripts.Acknowledge, [RedisKeys.Work],
            [RedisKeys.WorkGroup, entryId, runId is null ? "" : (string)RedisKeys.RunSecrets(runId)!]);

    /// <summary>The run has started: its sealed secrets leave Redis (the worker holds them in memory).</summary>
    public Task ForgetSecretsAsync(string runId) => Db.KeyDeleteAsync(RedisKeys.RunSecrets(runId));

    private static RedisValue[] Common(string consumer) =>
        [RedisKeys.WorkGroup, consumer, RedisKeys.KeyPrefix, (long)SessionOwnerTimeToLive.TotalSeconds];

    /// <summary>A run's sealed secrets go to a key of their own, so they can be deleted while its entry is pending.</summary>
    private static (string Body, string Secrets) SplitSecrets(WorkItem item)
    {
        if (item.Kind != WorkKinds.Run || item.RunId is null) return (item.Body, "");
        RunWork? work;
        try { work = JsonSerializer.Deserialize<RunWork>(item.Body, JsonSerializerOptions.Web); }
        catch (JsonException) { return (item.Body, ""); }
        return work?.SealedSecrets is { Length: > 0 } secrets ? (Body(work with { SealedSecrets = null }), secrets) : (item.Body, "");
    }

    private static List<WorkItem> ToItems(RedisResult result)
    {
        var rows = (RedisResult[])result!;
        var items = new List<WorkItem>(rows.Length);
        foreach (var row in rows)
        {
            var parts = (RedisResult[])row!;
            var fields = (RedisValue[])parts[1]!;
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i + 1 < fields.Length; i += 2) map[(string)fields[i]!] = (string)fields[i + 1]!;
            var run = map.GetValueOrDefault("run") is { Length: > 0 } r ? r : null;
            var body = map.GetValueOrDefault("body") ?? "{}";
            var secrets = (string?)parts[3];
            if (secrets is { Length: > 0 }) body = Body(JsonSerializer.Deserialize<RunWork>(body, JsonSerializerOptions.Web)! with { SealedSecrets = secrets });
            items.Add(new WorkItem(map.GetValueOrDefault("kind") ?? "", map.GetValueOrDefault("session") ?? "", run, body)
            {
                EntryId = (string)parts[0]!,
                Reclaimed = (string?)parts[2] == "r",
                TraceParent = map.GetValueOrDefault("trace") is { Length: > 0 } trace ? trace : null,
            });
        }
        return items;
    }
}
