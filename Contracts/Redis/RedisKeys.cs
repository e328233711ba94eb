using StackExchange.Redis;

namespace Aspire.Sandbox.Contracts.Redis;

/// <summary>The Redis layout (DESIGN §5), named in one place.</summary>
public static class RedisKeys
{
    private const string Prefix = "sbx:";

    /// <summary>Stream of a session's frames: the replay log.</summary>
    public static RedisKey Frames(string sessionId) => $"{Prefix}frames:{sessionId}";

    /// <summary>Hash beside a session's frame stream: last id, stored bytes, producers' last batch (see FrameLog).</summary>
    public static RedisKey FramesMeta(string sessionId) => $"{Prefix}frames:{sessionId}:meta";

    /// <summary>Pub/sub channel of a session's frames: the live feed. Messages are <see cref="LiveMessage"/>s.</summary>
    public static RedisChannel LiveChannel(string sessionId) => RedisChannel.Literal($"{Prefix}live:{sessionId}");

    /// <summary>Pub/sub channel of control messages (input, resize, stop) for a session's running process.</summary>
    public static RedisChannel Control(string sessionId) => RedisChannel.Literal($"{Prefix}control:{sessionId}");

    /// <summary>Pattern that matches every session's control channel (workers listen to all).</summary>
    public static readonly RedisChannel AllControl = RedisChannel.Pattern($"{Prefix}control:*");

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

    /// <summary>Channel that wakes idle workers when work is added (StackExchange.Redis has no blocking reads).</summary>
    public static readonly RedisChannel WorkWakeUp = RedisChannel.Literal($"{Prefix}work:wake");

    /// <summary>
    /// The prefix every key of the layout starts with. Lua scripts build the work queue's per-worker and
    /// per-session keys from it (<c>worker:{c}</c>, <c>worker:{c}:inbox</c>, <c>session:{s}:worker</c>,
    /// <c>run:{r}:secrets</c>), so these helpers and the scripts must agree.
    /// </summary>
    public const string KeyPrefix = Prefix;

    /// <summary>String with a time-to-live: present while the worker (consumer) is alive (its lease).</summary>
    public static RedisKey WorkerLease(string consumer) => $"{Prefix}worker:{consumer}";

    /// <summary>Sorted set: workers that reported on their Docker engine, scored by when the report runs out (ms).</summary>
    public static readonly RedisKey WorkersReporting = $"{Prefix}engines:reporting";

    /// <summary>Sorted set: workers whose Docker engine answered, scored like <see cref="WorkersReporting"/>.</summary>
    public static readonly RedisKey EnginesAnswering = $"{Prefix}engines:answering";

    /// <summary>List of work entry ids other workers handed to this one (it owns their sessions).</summary>
    public static RedisKey WorkerInbox(string consumer) => $"{Prefix}worker:{consumer}:inbox";

    /// <summary>String: the worker (consumer) that drives the session; its work goes there, in order.</summary>
    public static RedisKey SessionWorker(string sessionId) => $"{Prefix}session:{sessionId}:worker";

    /// <summary>String: a queued run's sealed secrets, kept out of the work stream and deleted once the run starts.</summary>
    public static RedisKey RunSecrets(string runId) => $"{Prefix}run:{runId}:secrets";
}
