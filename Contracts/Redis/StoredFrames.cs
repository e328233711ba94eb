using System.Buffers;
using System.Text;
using System.Text.Json;
using Aspire.Sandbox.Contracts.Frames;

namespace Aspire.Sandbox.Contracts.Redis;

/// <summary>
/// Turns a stored frame (stream entry id + JSON without id) into the wire JSON clients get. Relays write that
/// JSON into their messages unparsed, so anything that is not one JSON object of a sane size — whoever wrote
/// it into Redis — is withheld and replaced by an <c>error</c> frame with the same id: the sequence keeps its
/// ids, and one bad entry can never break a whole batch for every viewer.
/// </summary>
public static class StoredFrames
{
    /// <summary>Frames carry at most 64 KiB of data; a stored entry far past that is not one of ours.</summary>
    public const int MaxFrameBytes = 1024 * 1024;

    public const string MalformedCode = "malformed-frame";

    public static RawFrame ToRawFrame(string sessionId, string id, ReadOnlySpan<byte> json)
    {
        if (!StreamId.TryParse(id, out var streamId)) throw new FormatException($"'{id}' is not a stream id.");
        if (json.Length > MaxFrameBytes || !IsFrameObject(json)) return Withheld(sessionId, streamId, json.Length);
        // {"id":"<id>", then the original object without its opening brace: decoded once, no parse.
        var body = json[1..];
        var buffer = ArrayPool<char>.Shared.Rent(Encoding.UTF8.GetMaxCharCount(body.Length));
        try
        {
            var count = Encoding.UTF8.GetChars(body, buffer);
            var text = string.Concat("{\"id\":\"".AsSpan(), id.AsSpan(), "\",".AsSpan(), buffer.AsSpan(0, count));
            return new RawFrame(streamId, text);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>One JSON object with at least one property and no <c>id</c> of its own (the entry id is the id).</summary>
    public static bool IsFrameObject(ReadOnlySpan<byte> json)
    {
        if (json.Length < 2 || json[0] != (byte)'{') return false;
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
            if (!reader.Read() || reader.TokenType != JsonTokenType.PropertyName) return false;
            do
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("id"u8)) return false;
            } while (reader.Read());
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static RawFrame Withheld(string sessionId, StreamId id, int length) =>
        new(id, FrameJson.Serialize(new ErrorFrame
        {
            Id = id.ToString(),
            Session = sessionId,
            Code = MalformedCode,
            Message = $"Stored frame {id} ({length} bytes) is not a frame and was withheld.",
        }));
}
