using System.Text.Json;
using System.Text.Json.Serialization;

namespace Aspire.Sandbox.Contracts.Frames;

/// <summary>The one JSON shape of frames: camelCase, nulls omitted unless the contract needs them.</summary>
public static class FrameJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Stored frames get their id spliced in front of the type discriminator.
        AllowOutOfOrderMetadataProperties = true,
    };

    public static string Serialize(Frame frame) => JsonSerializer.Serialize(frame, Options);

    public static Frame Deserialize(string json) =>
        JsonSerializer.Deserialize<Frame>(json, Options) ?? throw new JsonException("A frame cannot be null.");

    /// <summary>
    /// Puts the stream entry id in front of a frame serialized without one: <c>{"id":"…",…}</c>.
    /// Cheaper than parsing, and the relay's hot path does it for every frame.
    /// </summary>
    public static string WithId(string id, string frameJsonWithoutId) =>
        string.Concat("{\"id\":\"", id, "\",", frameJsonWithoutId.AsSpan(1));
}
