using System.Globalization;
using Aspire.Sandbox.Contracts.Redis;
using StackExchange.Redis;

namespace Aspire.Sandbox.Contracts.Previews;

/// <summary>
/// What previews need from Redis. In the session's hash: <c>preview:worker</c> (the worker consumer that holds its sandbox)
/// and <c>preview:port:{port}</c> (<c>private</c> or <c>public</c>) for each exposed port. Beside each worker's lease:
/// <c>worker:{consumer}:preview</c>, the address its preview endpoint answers at, with a time-to-live it keeps renewing.
/// </summary>
public sealed class PreviewStore(IConnectionMultiplexer redis)
{
    private const string WorkerField = "preview:worker";
    private const string PortPrefix = "preview:port:";
    private const string Private = "private", Public = "public";

    private IDatabase Db => redis.GetDatabase();

    public static RedisKey WorkerAddress(string consumer) => $"{RedisKeys.KeyPrefix}worker:{consumer}:preview";

    /// <summary>The worker whose preview endpoint reaches the session's sandbox from now on.</summary>
    public Task SetHostAsync(string sessionId, string consumer) => Db.HashSetAsync(RedisKeys.Session(sessionId), WorkerField, consumer);

    /// <summary>Exposes a port (private unless it already was public); false when the session is gone.</summary>
    public async Task<bool> ExposeAsync(string sessionId, int port)
    {
        const string lua = """
            if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2])
            return 1
            """;
        return (int)await Db.EvaluateAsync(lua, [RedisKeys.Session(sessionId)], [PortField(port), Private]) == 1;
    }

    /// <summary>Exposes a port with the given visibility; false when the session is gone.</summary>
    public async Task<bool> SetPublicAsync(string sessionId, int port, bool isPublic)
    {
        const string lua = """
            if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
            return 1
            """;
        return (int)await Db.EvaluateAsync(lua, [RedisKeys.Session(sessionId)], [PortField(port), isPublic ? Public : Private]) == 1;
    }

    /// <summary>The session's exposed ports, lowest first, and whether each is public.</summary>
    public async Task<IReadOnlyList<(int Port, bool Public)>> ListAsync(string sessionId)
    {
        var ports = new List<(int, bool)>();
        foreach (var entry in await Db.HashGetAllAsync(RedisKeys.Session(sessionId)))
        {
            var name = (string)entry.Name!;
            if (name.StartsWith(PortPrefix, StringComparison.Ordinal)
                && int.TryParse(name.AsSpan(PortPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var port))
                ports.Add((port, entry.Value == Public));
        }
        return [.. ports.OrderBy(p => p.Item1)];
    }

    /// <summary>Everything the Web needs to route one preview request, in one round trip; null when the session does not exist.</summary>
    public async Task<PreviewRoute?> RouteAsync(string sessionId, int port)
    {
        const string lua = """
            local v = redis.call('HMGET', KEYS[1], 'status', ARGV[1], ARGV[2])
            if not v[1] then return false end
            local address = ''
            if v[2] then address = redis.call('GET', ARGV[3] .. 'worker:' .. v[2] .. ':preview') or '' end
            return {v[1], v[3] or '', address}
            """;
        var result = await Db.EvaluateAsync(lua, [RedisKeys.Session(sessionId)], [WorkerField, PortField(port), RedisKeys.KeyPrefix]);
        if (result.IsNull) return null;
        var values = (RedisResult[])result!;
        var state = (string?)values[1] ?? "";
        return new PreviewRoute((string)values[0]!, state.Length > 0, state == Public, (string?)values[2] is { Length: > 0 } a ? a : null);
    }

    /// <summary>Announces (and keeps announcing) where this worker's preview endpoint answers.</summary>
    public Task RegisterWorkerAsync(string consumer, string address, TimeSpan ttl) => Db.StringSetAsync(WorkerAddress(consumer), address, ttl);

    public Task UnregisterWorkerAsync(string consumer) => Db.KeyDeleteAsync(WorkerAddress(consumer));

    private static string PortField(int port) => PortPrefix + port.ToString(CultureInfo.InvariantCulture);
}

/// <param name="Status">The session's status.</param>
/// <param name="Exposed">The port is exposed at all.</param>
/// <param name="Public">Anyone with the link may open it.</param>
/// <param name="WorkerAddress">The base address of the preview endpoint of the worker holding the sandbox; null when none is alive.</param>
public sealed record PreviewRoute(string Status, bool Exposed, bool Public, string? WorkerAddress);
