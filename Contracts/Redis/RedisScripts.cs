using StackExchange.Redis;

namespace Aspire.Sandbox.Contracts.Redis;

/// <summary>Runs Lua scripts in a way that survives Redis forgetting them.</summary>
public static class RedisScripts
{
    /// <summary>
    /// <see cref="IDatabaseAsync.ScriptEvaluateAsync(string, RedisKey[], RedisValue[], CommandFlags)"/>, repeated once on
    /// <c>NOSCRIPT</c>. StackExchange.Redis sends EVALSHA once it has seen a script on a connection; a Redis that
    /// lost its script cache without the connection dropping (SCRIPT FLUSH, a failover behind a proxy) answers
    /// NOSCRIPT once, and the library sends the full EVAL on the next call (measured with 1.2.6; the script-flush
    /// tests keep checking it). A script that got NOSCRIPT did not run, so repeating it is safe.
    /// </summary>
    public static async Task<RedisResult> EvaluateAsync(this IDatabaseAsync db, string script, RedisKey[] keys, RedisValue[] args)
    {
        try
        {
            return await db.ScriptEvaluateAsync(script, keys, args);
        }
        catch (RedisServerException e) when (e.Message.StartsWith("NOSCRIPT", StringComparison.Ordinal))
        {
            return await db.ScriptEvaluateAsync(script, keys, args);
        }
    }
}
