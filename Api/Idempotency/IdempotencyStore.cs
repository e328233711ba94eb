using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Aspire.Sandbox.Contracts.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Aspire.Sandbox.Api.Idempotency;

/// <summary>
/// First answers to requests carrying an <c>Idempotency-Key</c>, in Redis, so every Api replica sees them.
/// A key is claimed atomically before the work starts; only a 2xx answer is kept (a refused request
/// started nothing, so its retry may run again).
/// </summary>
/// <remarks>
/// A kept answer to session creation holds the session's tokens. Redis is inside the trust boundary
/// already (it holds the frames and the work queue those tokens guard), and the record expires.
/// </remarks>
public sealed class IdempotencyStore(IConnectionMultiplexer redis, IOptions<IdempotencyOptions> options)
{
    // KEYS[1] = record; ARGV[1] = in-flight record, ARGV[2] = its lifetime (ms). Returns the existing record or nil.
    private const string ClaimLua = """
        local existing = redis.call('GET', KEYS[1])
        if existing then return existing end
        redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
        return false
        """;

    // KEYS[1] = record; ARGV[1] = owner; ARGV[2] = new record or '' to delete; ARGV[3] = lifetime (ms).
    private const string SettleLua = """
        local existing = redis.call('GET', KEYS[1])
        if not existing or cjson.decode(existing)['owner'] ~= ARGV[1] then return 0 end
        if ARGV[2] == '' then redis.call('DEL', KEYS[1]) else redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) end
        return 1
        """;

    private static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    /// <summary>Claims the key for a new request (returns null) or returns what an earlier request left.</summary>
    public async Task<IdempotencyRecord?> ClaimAsync(string scope, string key, IdempotencyRecord inFlight)
    {
        var result = await redis.GetDatabase().EvaluateAsync(ClaimLua, [Key(scope, key)],
            [JsonSerializer.Serialize(inFlight, Json), (long)options.Value.InFlightTimeout.TotalMilliseconds]);
        return result.IsNull ? null : JsonSerializer.Deserialize<IdempotencyRecord>((string)result!, Json);
    }

    /// <summary>Keeps the answer for retries, if this request still holds the key.</summary>
    public Task CompleteAsync(string scope, string key, IdempotencyRecord answer) =>
        redis.GetDatabase().EvaluateAsync(SettleLua, [Key(scope, key)],
            [answer.Owner, JsonSerializer.Serialize(answer, Json), (long)options.Value.Retention.TotalMilliseconds]);

    /// <summary>Frees the key: the request was refused or failed, and started nothing.</summary>
    public Task ReleaseAsync(string scope, string key, string owner) =>
        redis.GetDatabase().EvaluateAsync(SettleLua, [Key(scope, key)], [owner, "", 0]);

    // Keys are hashed: any printable text a client picks becomes a short, safe Redis key.
    private static RedisKey Key(string scope, string key) =>
        RedisKeys.Idempotency(scope, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))));
}
