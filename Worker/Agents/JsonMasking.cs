using System.Buffers;
using System.Text.Json;
using Aspire.Sandbox.Worker.Runs;

namespace Aspire.Sandbox.Worker.Agents;

/// <summary>
/// Masks secrets inside a JSON value (tool input, usage). Strings are masked after unescaping, so a
/// secret is found whatever JSON escapes the agent used; the result is a detached copy.
/// </summary>
public static class JsonMasking
{
    public static JsonElement Mask(JsonElement value, SecretMasker masker)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer)) Write(value, writer, masker);
        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    private static void Write(JsonElement value, Utf8JsonWriter writer, SecretMasker masker)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in value.EnumerateObject())
                {
                    writer.WritePropertyName(masker.Apply(property.Name));
                    Write(property.Value, writer, masker);
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in value.EnumerateArray()) Write(item, writer, masker);
                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(masker.Apply(value.GetString()!));
                break;
            default:
                value.WriteTo(writer);
                break;
        }
    }
}
