using System.Buffers;
using System.Collections;
using System.Globalization;
using System.Text.Json;

namespace Aspire.Sandbox.TestSupport;

/// <summary>
/// Turns a frame a MessagePack client decoded into plain values (maps, arrays, strings, numbers) back into JSON,
/// so tests assert on frames the same way whichever protocol carried them.
/// </summary>
public static class MessagePackFrameJson
{
    public static JsonElement ToJson(IDictionary frame)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer)) Write(writer, frame);
        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    private static void Write(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case string text: writer.WriteStringValue(text); break;
            case bool flag: writer.WriteBooleanValue(flag); break;
            case float or double: writer.WriteNumberValue(Convert.ToDouble(value, CultureInfo.InvariantCulture)); break;
            case ulong big: writer.WriteNumberValue(big); break;
            case byte or sbyte or short or ushort or int or uint or long: writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture)); break;
            case IDictionary map:
                writer.WriteStartObject();
                foreach (DictionaryEntry entry in map)
                {
                    writer.WritePropertyName(entry.Key as string ?? throw new JsonException($"A frame map key must be a string, not {entry.Key.GetType()}."));
                    Write(writer, entry.Value);
                }
                writer.WriteEndObject();
                break;
            case IEnumerable items:
                writer.WriteStartArray();
                foreach (var item in items) Write(writer, item);
                writer.WriteEndArray();
                break;
            default: throw new JsonException($"A frame holds a {value.GetType()}, which JSON has no place for.");
        }
    }
}
