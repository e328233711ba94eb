using Aspire.Sandbox.Contracts.Redis;
using StackExchange.Redis;

namespace Aspire.Sandbox.Contracts.Control;

/// <summary>Sends control messages to whichever worker runs a session's current process.</summary>
public sealed class SessionControl(IConnectionMultiplexer redis)
{
    /// <summary>Publishes a control message; false when no worker is listening at all.</summary>
    public async Task<bool> SendAsync(string sessionId, ControlMessage message) =>
        await redis.GetSubscriber().PublishAsync(RedisKeys.Control(sessionId), message.ToJson()) > 0;
}
