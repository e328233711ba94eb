using Aspire.Sandbox.Contracts.Redis;
using StackExchange.Redis;

namespace Aspire.Sandbox.Contracts.Workers;

/// <summary>
/// Where workers say whether they reach their Docker engine, and the Api reads it before accepting work that
/// needs one. Two sorted sets of consumer names scored by when the report stops counting (Redis' own clock,
/// so hosts' clocks never matter): every worker that reported, and those whose engine answered. A worker that
/// dies simply stops counting once its last report runs out.
/// </summary>
public sealed class EngineStatusBoard(IConnectionMultiplexer redis)
{
    private const string Report = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local until_ = now + tonumber(ARGV[2])
        redis.call('ZADD', KEYS[1], until_, ARGV[1])
        if ARGV[3] == '1' then redis.call('ZADD', KEYS[2], until_, ARGV[1]) else redis.call('ZREM', KEYS[2], ARGV[1]) end
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
        redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
        return 1
        """;

    private const string Read = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        return {redis.call('ZCOUNT', KEYS[1], '(' .. now, '+inf'), redis.call('ZCOUNT', KEYS[2], '(' .. now, '+inf')}
        """;

    private IDatabase Db => redis.GetDatabase();

    /// <summary>Records this worker's finding, valid for <paramref name="validFor"/>.</summary>
    public Task ReportAsync(string consumer, bool engineAnswers, TimeSpan validFor) =>
        Db.EvaluateAsync(Report, [RedisKeys.WorkersReporting, RedisKeys.EnginesAnswering],
            [consumer, (long)validFor.TotalMilliseconds, engineAnswers ? "1" : "0"]);

    /// <summary>A worker that stops cleanly takes its report back at once.</summary>
    public async Task WithdrawAsync(string consumer)
    {
        var batch = Db.CreateBatch();
        var reporting = batch.SortedSetRemoveAsync(RedisKeys.WorkersReporting, consumer);
        var answering = batch.SortedSetRemoveAsync(RedisKeys.EnginesAnswering, consumer);
        batch.Execute();
        await Task.WhenAll(reporting, answering);
    }

    public async Task<EngineAvailability> ReadAsync()
    {
        var counts = (RedisResult[])(await Db.EvaluateAsync(Read, [RedisKeys.WorkersReporting, RedisKeys.EnginesAnswering], []))!;
        return ((long)counts[0], (long)counts[1]) switch
        {
            (0, _) => EngineAvailability.NoWorkers,
            (_, > 0) => EngineAvailability.Available,
            _ => EngineAvailability.Unavailable,
        };
    }
}
