using System.Text;
using System.Text.Json;

namespace Aspire.Sandbox.Worker.Agents;

/// <summary>A tool_use block being streamed: its input arrives as <c>input_json_delta</c> fragments.</summary>
public sealed class ClaudePendingTool(string id, string name)
{
    private readonly StringBuilder _json = new();

    public string Id => id;
    public string Name => name;

    public void Append(string fragment)
    {
        if (_json.Length + fragment.Length <= LineAssembler.MaxLineChars) _json.Append(fragment);
    }

    /// <summary>The input once the block stops: the parsed JSON, <c>{}</c> when none came, the raw text as a string if it is not JSON.</summary>
    public JsonElement Input()
    {
        var text = _json.Length == 0 ? "{}" : _json.ToString();
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(text);
        }
    }
}
