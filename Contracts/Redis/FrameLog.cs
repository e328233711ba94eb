using Aspire.Sandbox.Contracts.Frames;
using StackExchange.Redis;

namespace Aspire.Sandbox.Contracts.Redis;

/// <summary>
/// A session's frames in Redis: appended to the replay stream and published live in one atomic
/// step (a Lua script), so live delivery never shows a frame that replay would not.
/// </summary>
public sealed class FrameLog(IConnectionMultiplexer redis)
{
    public const int DefaultMaxLength = 100_000;
    public const int MaxPageSize = 1_000;

    // KEYS[1] = stream; ARGV[1] = live channel, ARGV[2] = approximate max length, ARGV[3..] = frames
    // without ids. Each published message is "<id> <json>", so subscribers know each frame's id.
    private const string AppendLua = """
        local ids = {}
        for i = 3, #ARGV do
          local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[2], '*', 'f', ARGV[i])
          redis.call('PUBLISH', ARGV[1], id .. ' ' .. ARGV[i])
          ids[#ids + 1] = id
        end
        return ids
        """;

    // KEYS[1] = stream; ARGV[1] = exclusive start id, ARGV[2] = count.
    private const string ReadAfterLua = """
        return redis.call('XRANGE', KEYS[1], '(' .. ARGV[1], '+', 'COUNT', ARGV[2])
        """;

    /// <summary>Appends frames in order and returns the ids they were given.</summary>
    public async Task<IReadOnlyList<string>> AppendAsync(string sessionId, IReadOnlyList<Frame> frames)
    {
        if (frames.Count == 0) return [];
        var args = new RedisValue[frames.Count + 2];
        args[0] = (string)RedisKeys.LiveChannel(sessionId)!;
        args[1] = DefaultMaxLength;
        for (var i = 0; i < frames.Count; i++) args[i + 2] = FrameJson.Serialize(frames[i]);
        var result = await redis.GetDatabase().ScriptEvaluateAsync(AppendLua, [RedisKeys.Frames(sessionId)], args);
        return Array.ConvertAll((RedisValue[])result!, v => (string)v!);
    }

    public async Task<string> AppendAsync(Frame frame) => (await AppendAsync(frame.Session, [frame]))[0];

    /// <summary>Reads up to <paramref name="count"/> stored frames with an id greater than <paramref name="after"/>.</summary>
    public async Task<IReadOnlyList<RawFrame>> ReadAfterAsync(string sessionId, StreamId after, int count)
    {
        var result = await redis.GetDatabase().ScriptEvaluateAsync(
            ReadAfterLua, [RedisKeys.Frames(sessionId)], [after.ToString(), Math.Clamp(count, 1, MaxPageSize)]);
        var entries = (RedisResult[])result!;
        var frames = new RawFrame[entries.Length];
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = (RedisResult[])entries[i]!;
            var fields = (RedisValue[])entry[1]!;
            frames[i] = RawFrame.FromStored((string)entry[0]!, (string)fields[1]!);
        }
        return frames;
    }

    /// <summary>Parses a live message ("&lt;id&gt; &lt;json&gt;") published by <see cref="AppendAsync(string, IReadOnlyList{Frame})"/>.</summary>
    public static RawFrame ParseLiveMessage(string message)
    {
        var space = message.IndexOf(' ');
        if (space <= 0) throw new FormatException("A live frame message is \"<id> <json>\".");
        return RawFrame.FromStored(message[..space], message[(space + 1)..]);
    }
}
