using Aspire.Sandbox.Contracts.Frames;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Aspire.Sandbox.Contracts.Redis;

/// <summary>
/// A session's frames in Redis: appended to the replay stream and published live in one atomic step (a Lua
/// script), so live delivery never shows a frame that replay would not. The stream is capped by count and
/// bytes, and expires <see cref="FrameLogOptions.RetentionAfterEnd"/> after its <c>session-ended</c> frame.
/// </summary>
public sealed class FrameLog(IConnectionMultiplexer redis, IOptions<FrameLogOptions>? options = null)
{
    public const int MaxPageSize = 1_000;

    /// <summary>The one field of a stream entry: the frame's JSON without its id.</summary>
    private const string FrameField = "f";

    private readonly FrameLogOptions _options = options?.Value ?? new FrameLogOptions();

    /// <summary>Appends frames in order and returns the ids they were given.</summary>
    public Task<IReadOnlyList<string>> AppendAsync(string sessionId, IReadOnlyList<Frame> frames)
    {
        var json = new string[frames.Count];
        for (var i = 0; i < frames.Count; i++) json[i] = FrameJson.Serialize(frames[i]);
        return AppendAsync(sessionId, json, frames.Any(f => f is SessionEndedFrame), batch: null);
    }

    public async Task<string> AppendAsync(Frame frame) => (await AppendAsync(frame.Session, [frame]))[0];

    /// <summary>
    /// Appends frames already serialized (without id). <paramref name="endsSession"/> starts the retention
    /// countdown. With a <paramref name="batch"/> id, a repeat of a batch that already landed appends nothing
    /// and returns no ids (a retry after a lost answer); batch numbers of one producer must grow per session.
    /// </summary>
    public async Task<IReadOnlyList<string>> AppendAsync(string sessionId, IReadOnlyList<string> framesJson, bool endsSession, AppendBatchId? batch)
    {
        if (framesJson.Count == 0) return [];
        var args = new RedisValue[framesJson.Count + 6];
        args[0] = (string)RedisKeys.LiveChannel(sessionId)!;
        args[1] = _options.MaxLength;
        args[2] = _options.MaxBytes;
        args[3] = endsSession ? Math.Max(1, (long)_options.RetentionAfterEnd.TotalSeconds) : 0;
        args[4] = batch?.Producer ?? "";
        args[5] = batch?.Sequence ?? 0;
        for (var i = 0; i < framesJson.Count; i++) args[i + 6] = framesJson[i];
        var result = await redis.GetDatabase().EvaluateAsync(FrameLogScripts.Append,
            [RedisKeys.Frames(sessionId), RedisKeys.FramesMeta(sessionId)], args);
        return Array.ConvertAll((RedisValue[])result!, v => (string)v!);
    }

    /// <summary>Reads up to <paramref name="count"/> stored frames with an id greater than <paramref name="after"/>.</summary>
    public Task<IReadOnlyList<RawFrame>> ReadAfterAsync(string sessionId, StreamId after, int count) =>
        ReadRangeAsync(sessionId, after, null, count);

    /// <summary>Reads up to <paramref name="count"/> stored frames with <paramref name="after"/> &lt; id ≤ <paramref name="through"/> (no bound when null).</summary>
    public async Task<IReadOnlyList<RawFrame>> ReadRangeAsync(string sessionId, StreamId after, StreamId? through, int count)
    {
        // XRANGE with an exclusive start ('(' prefix, Redis 6.2+): one command, so no script.
        var entries = await redis.GetDatabase().StreamRangeAsync(RedisKeys.Frames(sessionId),
            minId: "(" + after, maxId: through?.ToString() ?? "+", count: Math.Clamp(count, 1, MaxPageSize));
        var frames = new RawFrame[entries.Length];
        for (var i = 0; i < entries.Length; i++) frames[i] = ToRawFrame(sessionId, entries[i]);
        return frames;
    }

    private static RawFrame ToRawFrame(string sessionId, StreamEntry entry)
    {
        var fields = entry.Values;
        // An entry the append script did not write (another field, no field) is withheld like a malformed frame.
        var json = fields is { Length: 1 } && fields[0].Name == FrameField ? (ReadOnlyMemory<byte>)fields[0].Value : default;
        return StoredFrames.ToRawFrame(sessionId, (string)entry.Id!, json.Span);
    }

    /// <summary>
    /// Reads the newest <paramref name="count"/> stored frames with an id below <paramref name="before"/> (the newest of
    /// all when null), oldest first: a history page for a reader that starts at the end and goes back.
    /// </summary>
    public async Task<IReadOnlyList<RawFrame>> ReadBeforeAsync(string sessionId, StreamId? before, int count)
    {
        // XREVRANGE with an exclusive end ('(' prefix, Redis 6.2+), then turned back into stream order.
        var entries = await redis.GetDatabase().StreamRangeAsync(RedisKeys.Frames(sessionId),
            minId: "-", maxId: before is { } end ? "(" + end : "+", count: Math.Clamp(count, 1, MaxPageSize), messageOrder: Order.Descending);
        var frames = new RawFrame[entries.Length];
        for (var i = 0; i < entries.Length; i++) frames[entries.Length - 1 - i] = ToRawFrame(sessionId, entries[i]);
        return frames;
    }

    /// <summary>The id of the session's newest stored frame, or <see cref="StreamId.Zero"/>.</summary>
    public async Task<StreamId> ReadLastIdAsync(string sessionId)
    {
        var newest = await redis.GetDatabase().StreamRangeAsync(RedisKeys.Frames(sessionId), count: 1, messageOrder: Order.Descending);
        return newest.Length == 0 ? StreamId.Zero : StreamId.Parse((string)newest[0].Id!);
    }

    /// <summary>Seconds until the session's stream expires, or null while it has no expiry (the session goes on).</summary>
    public async Task<TimeSpan?> TimeToLiveAsync(string sessionId) =>
        await redis.GetDatabase().KeyTimeToLiveAsync(RedisKeys.Frames(sessionId));

}
