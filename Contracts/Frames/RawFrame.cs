using System.Text.Json;
using System.Text.Json.Serialization;

namespace Aspire.Sandbox.Contracts.Frames;

/// <summary>
/// A frame already in its wire JSON (with id). Relays pass these through without re-serializing:
/// the converter writes the JSON as is.
/// </summary>
[JsonConverter(typeof(RawFrameConverter))]
public sealed record RawFrame(StreamId Id, string Json)
{
    public static RawFrame FromStored(string id, string frameJsonWithoutId) =>
        new(StreamId.Parse(id), FrameJson.WithId(id, frameJsonWithoutId));
}

public sealed class RawFrameConverter : JsonConverter<RawFrame>
{
    public override RawFrame Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var json = document.RootElement.GetRawText();
        var id = document.RootElement.GetProperty("id").GetString() ?? throw new JsonException("A frame needs an id.");
        return new RawFrame(StreamId.Parse(id), json);
    }

    public override void Write(Utf8JsonWriter writer, RawFrame value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value.Json, skipInputValidation: true);
}
