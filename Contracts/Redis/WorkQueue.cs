using System.Text.Json;
using Aspire.Sandbox.Contracts.Work;
using StackExchange.Redis;

namespace Aspire.Sandbox.Contracts.Redis;

/// <summary>
/// The work stream with its consumer group: at-least-once delivery, acknowledged when done.
/// StackExchange.Redis 1.x has no stream commands, so they run as Lua; a pub/sub message wakes
/// idle workers instead of a blocking read.
/// </summary>
public sealed class WorkQueue(IConnectionMultiplexer redis)
{
    private const string EnqueueLua = """
        local id = redis.call('XADD', KEYS[1], '*', 'kind', ARGV[1], 'session', ARGV[2], 'run', ARGV[3], 'body', ARGV[4])
        redis.call('PUBLISH', ARGV[5], id)
        return id
        """;

    private const string EnsureGroupLua = """
        local ok, err = pcall(redis.call, 'XGROUP', 'CREATE', KEYS[1], ARGV[1], '0', 'MKSTREAM')
        if not ok and not string.find(tostring(err), 'BUSYGROUP') then error(err) end
        return 1
        """;

    // ARGV[1] = group, ARGV[2] = consumer, ARGV[3] = count, ARGV[4] = '>' for new entries or '0' for own pending ones.
    private const string ReadLua = """
        local res = redis.call('XREADGROUP', 'GROUP', ARGV[1], ARGV[2], 'COUNT', ARGV[3], 'STREAMS', KEYS[1], ARGV[4])
        if not res then return {} end
        return res[1][2]
        """;

    public async Task<string> EnqueueAsync(WorkItem item)
    {
        var result = await redis.GetDatabase().ScriptEvaluateAsync(EnqueueLua, [RedisKeys.Work],
            [item.Kind, item.SessionId, item.RunId ?? "", item.Body, (string)RedisKeys.WorkWakeUp!]);
        return (string)result!;
    }

    public static string Body<T>(T payload) => JsonSerializer.Serialize(payload, JsonSerializerOptions.Web);

    public static T ReadBody<T>(WorkItem item) =>
        JsonSerializer.Deserialize<T>(item.Body, JsonSerializerOptions.Web)
        ?? throw new JsonException($"Work item {item.EntryId} has an empty body.");

    public Task EnsureGroupAsync() =>
        redis.GetDatabase().ScriptEvaluateAsync(EnsureGroupLua, [RedisKeys.Work], [RedisKeys.WorkGroup]);

    /// <summary>Claims up to <paramref name="count"/> entries for <paramref name="consumer"/>; <paramref name="pending"/> re-reads its unacknowledged ones.</summary>
    public async Task<IReadOnlyList<WorkItem>> ReadAsync(string consumer, int count, bool pending = false)
    {
        var result = await redis.GetDatabase().ScriptEvaluateAsync(ReadLua, [RedisKeys.Work],
            [RedisKeys.WorkGroup, consumer, count, pending ? "0" : ">"]);
        var entries = (RedisResult[])result!;
        var items = new List<WorkItem>(entries.Length);
        foreach (var entry in entries)
        {
            var parts = (RedisResult[])entry!;
            var fields = (RedisValue[])parts[1]!;
            if (fields is null || fields.Length == 0) continue; // trimmed away while pending
            var map = new Dictionary<string, string>();
            for (var i = 0; i + 1 < fields.Length; i += 2) map[(string)fields[i]!] = (string)fields[i + 1]!;
            items.Add(new WorkItem(map["kind"], map["session"], map["run"] is { Length: > 0 } run ? run : null, map["body"])
            {
                EntryId = (string)parts[0]!,
            });
        }
        return items;
    }

    public Task AcknowledgeAsync(string entryId) =>
        redis.GetDatabase().ScriptEvaluateAsync("return redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])",
            [RedisKeys.Work], [RedisKeys.WorkGroup, entryId]);
}
