using System.Text.Json;

namespace Aspire.Sandbox.Worker.Agents;

/// <summary>Reads Claude message content, which is a plain string or a list of typed blocks.</summary>
public static class ClaudeContent
{
    /// <summary>The blocks of a content value; a plain string is one text block.</summary>
    public static IEnumerable<JsonElement> Blocks(JsonElement? content) => content switch
    {
        { ValueKind: JsonValueKind.Array } list => list.EnumerateArray(),
        { ValueKind: JsonValueKind.String } text => [JsonSerializer.SerializeToElement(new { type = "text", text = text.GetString() })],
        _ => [],
    };

    /// <summary>A tool result's content as text: text blocks joined by newlines, other blocks named.</summary>
    public static string Text(JsonElement? content) => content switch
    {
        { ValueKind: JsonValueKind.String } text => text.GetString()!,
        { ValueKind: JsonValueKind.Array } list => string.Join("\n", list.EnumerateArray().Select(BlockText)),
        { ValueKind: JsonValueKind.Null } or null => "",
        { } other => other.GetRawText(),
    };

    private static string BlockText(JsonElement block) => block.Str("type") switch
    {
        "text" => block.Str("text") ?? "",
        { } type when block.ValueKind == JsonValueKind.Object => $"[{type}]",
        _ => block.GetRawText(),
    };
}
