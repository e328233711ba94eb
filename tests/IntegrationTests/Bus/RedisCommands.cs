using StackExchange.Redis;

namespace Aspire.Sandbox.IntegrationTests.Bus;

/// <summary>Raw Redis commands the tests use to look at (or break) what the bus does.</summary>
internal static class RedisCommands
{
    public static Task<long> SubscribersAsync(this IConnectionMultiplexer redis, RedisChannel channel) =>
        Server(redis).SubscriptionSubscriberCountAsync(channel);

    /// <summary>Drops every pub/sub connection, the Web's among them: what it would have received meanwhile is lost.</summary>
    public static Task KillSubscribersAsync(this IConnectionMultiplexer redis) =>
        Server(redis).ClientKillAsync(clientType: ClientType.PubSub);

    public static Task FlushScriptsAsync(this IConnectionMultiplexer redis) => Server(redis).ScriptFlushAsync();

    public static Task<long> StreamLengthAsync(this IConnectionMultiplexer redis, RedisKey stream) =>
        redis.GetDatabase().StreamLengthAsync(stream);

    /// <summary>Appends an entry behind the bus's back (no script, no publish).</summary>
    public static async Task<string> AddRawEntryAsync(this IConnectionMultiplexer redis, RedisKey stream, string field, RedisValue value) =>
        (string)(await redis.GetDatabase().StreamAddAsync(stream, field, value))!;

    /// <summary>The stream entries' field values, oldest first.</summary>
    public static async Task<List<string>> RawEntriesAsync(this IConnectionMultiplexer redis, RedisKey stream)
    {
        var entries = await redis.GetDatabase().StreamRangeAsync(stream);
        return entries.Select(e => string.Join(" ", e.Values.SelectMany(v => new[] { v.Name, v.Value }))).ToList();
    }

    // Tests talk to one redis-server of their own.
    private static IServer Server(IConnectionMultiplexer redis) => redis.GetServers().Single();
}
