using System.Text;
using Aspire.Sandbox.Contracts.Frames;

namespace Aspire.Sandbox.Contracts.Redis;

/// <summary>
/// One message on a session's live channel: the frames of one append, each with its stream id, and the id of
/// the entry before the first of them. Text: <c>&lt;previous id&gt;\n&lt;id&gt; &lt;json&gt;\n&lt;id&gt; &lt;json&gt;…</c>
/// (frame JSON is compact, so it holds no raw newline). Pub/sub is at most once: a subscriber whose last
/// frame is not <see cref="Previous"/> has missed something and reads it from the stream.
/// </summary>
public sealed record LiveMessage(StreamId Previous, IReadOnlyList<RawFrame> Frames)
{
    /// <summary>Parses a message; anything not in this shape throws <see cref="FormatException"/>.</summary>
    public static LiveMessage Parse(string sessionId, ReadOnlySpan<byte> message)
    {
        var newline = message.IndexOf((byte)'\n');
        if (newline <= 0 || !StreamId.TryParse(Encoding.ASCII.GetString(message[..newline]), out var previous))
            throw new FormatException("A live message starts with the previous frame id and a newline.");
        var frames = new List<RawFrame>();
        var last = previous;
        var rest = message[(newline + 1)..];
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf((byte)'\n');
            var line = end < 0 ? rest : rest[..end];
            var space = line.IndexOf((byte)' ');
            var id = space > 0 ? Encoding.ASCII.GetString(line[..space]) : null;
            if (!StreamId.TryParse(id, out var streamId) || streamId <= last)
                throw new FormatException("Each line of a live message is '<id> <json>', ids increasing.");
            frames.Add(StoredFrames.ToRawFrame(sessionId, id, line[(space + 1)..]));
            last = streamId;
            rest = end < 0 ? default : rest[(end + 1)..];
        }
        if (frames.Count == 0) throw new FormatException("A live message carries at least one frame.");
        return new LiveMessage(previous, frames);
    }

    /// <summary>The text the append script publishes (tests and benchmarks build messages with it).</summary>
    public static string Format(StreamId previous, IEnumerable<(string Id, string Json)> frames) =>
        string.Join('\n', frames.Select(f => $"{f.Id} {f.Json}").Prepend(previous.ToString()));
}
