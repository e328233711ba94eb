using StackExchange.Redis;

namespace Aspire.Sandbox.Contracts.Redis;

/// <summary>The Redis layout (DESIGN §5), named in one place.</summary>
public static class RedisKeys
{
    private const string Prefix = "sbx:";

    /// <summary>Stream of a session's frames: the replay log.</summary>
    public static RedisKey Frames(string sessionId) => $"{Prefix}frames:{sessionId}";

    /// <summary>Pub/sub channel of a session's frames: the live feed. Messages are "&lt;id&gt; &lt;json&gt;".</summary>
    public static RedisChannel LiveChannel(string sessionId) => $"{Prefix}live:{sessionId}";

    /// <summary>Pub/sub channel of control messages (input, resize, stop) for a session's running process.</summary>
    public static RedisChannel Control(string sessionId) => $"{Prefix}control:{sessionId}";

    /// <summary>Pattern that matches every session's control channel (workers listen to all).</summary>
    public static readonly RedisChannel AllControl = $"{Prefix}control:*";

    /// <summary>Prefix of control channels: what follows is the session id.</summary>
    public const string ControlChannelPrefix = Prefix + "control:";

    /// <summary>Hash: the session record.</summary>
    public static RedisKey Session(string sessionId) => $"{Prefix}session:{sessionId}";

    /// <summary>List of the session's run ids, oldest first.</summary>
    public static RedisKey SessionRuns(string sessionId) => $"{Prefix}session:{sessionId}:runs";

    /// <summary>Hash: one run's record.</summary>
    public static RedisKey Run(string runId) => $"{Prefix}run:{runId}";

    /// <summary>
    /// String: the first answer to a request sent with an <c>Idempotency-Key</c>, by caller scope
    /// (API key owner, or session) and a hash of the key; expires after the retention period.
    /// </summary>
    public static RedisKey Idempotency(string scope, string keyHash) => $"{Prefix}idem:{scope}:{keyHash}";

    /// <summary>Set of the session ids created with one API key (by the key's owner id).</summary>
    public static RedisKey OwnerSessions(string ownerId) => $"{Prefix}owner:{ownerId}:sessions";

    /// <summary>Stream of work for workers (consumer group <see cref="WorkGroup"/>).</summary>
    public static readonly RedisKey Work = $"{Prefix}work";

    public const string WorkGroup = "workers";

    /// <summary>Channel that wakes idle workers when work is added (StackExchange.Redis 1.x has no blocking reads).</summary>
    public static readonly RedisChannel WorkWakeUp = $"{Prefix}work:wake";
}
