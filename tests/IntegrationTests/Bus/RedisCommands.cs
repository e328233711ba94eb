using StackExchange.Redis;

namespace Aspire.Sandbox.IntegrationTests.Bus;

/// <summary>Raw Redis commands the tests use to look at (or break) what the bus does.</summary>
internal static class RedisCommands
{
    public static async Task<long> SubscribersAsync(this IConnectionMultiplexer redis, RedisChannel channel)
    {
        var reply = (RedisResult[])(await redis.GetDatabase().ExecuteAsync("PUBSUB", "NUMSUB", (string)channel!))!;
        return (long)reply[1];
    }

    /// <summary>Drops every pub/sub connection, the Web's among them: what it would have received meanwhile is lost.</summary>
    public static Task KillSubscribersAsync(this IConnectionMultiplexer redis) =>
        redis.GetDatabase().ExecuteAsync("CLIENT", "KILL", "TYPE", "pubsub");

    public static Task FlushScriptsAsync(this IConnectionMultiplexer redis) => redis.GetDatabase().ExecuteAsync("SCRIPT", "FLUSH");

    public static async Task<long> StreamLengthAsync(this IConnectionMultiplexer redis, RedisKey stream) =>
        (long)await redis.GetDatabase().ScriptEvaluateAsync("return redis.call('XLEN', KEYS[1])", [stream]);

    /// <summary>Appends an entry behind the bus's back (no script, no publish).</summary>
    public static async Task<string> AddRawEntryAsync(this IConnectionMultiplexer redis, RedisKey stream, string field, RedisValue value) =>
        (string)(await redis.GetDatabase().ScriptEvaluateAsync("return redis.call('XADD', KEYS[1], '*', ARGV[1], ARGV[2])", [stream], [field, value]))!;

    /// <summary>The stream entries' field values, oldest first.</summary>
    public static async Task<List<string>> RawEntriesAsync(this IConnectionMultiplexer redis, RedisKey stream)
    {
        var entries = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync("return redis.call('XRANGE', KEYS[1], '-', '+')", [stream]))!;
        return entries.Select(e => string.Join(" ", (RedisValue[])((RedisResult[])e!)[1]!)).ToList();
    }
}
