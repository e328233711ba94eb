using System.Buffers;
using System.Text.Json;

namespace Aspire.Sandbox.Worker.Agents;

/// <summary>
/// The <c>usage</c> of a <c>done</c> made from Claude's <c>result</c> line: its token counts, with the
/// cost, durations and turn count beside them under Claude's own names.
/// </summary>
public static class ClaudeResultUsage
{
    private static readonly string[] Extras = ["total_cost_usd", "cost_usd", "duration_ms", "duration_api_ms", "num_turns", "modelUsage"];

    public static JsonElement? From(JsonElement result)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var any = false;
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (result.Obj("usage") is { } usage)
                foreach (var property in usage.EnumerateObject())
                {
                    property.WriteTo(writer);
                    any = true;
                }
            foreach (var name in Extras)
                if (result.Any(name) is { } value)
                {
                    writer.WritePropertyName(name);
                    value.WriteTo(writer);
                    any = true;
                }
            writer.WriteEndObject();
        }
        if (!any) return null;
        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }
}
