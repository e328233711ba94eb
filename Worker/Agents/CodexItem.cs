using System.Text.Json;

namespace Aspire.Sandbox.Worker.Agents;

/// <summary>How a Codex <c>exec --json</c> item that is a tool call reads as a tool: its name, input, output and error flag.</summary>
public static class CodexItem
{
    public static bool IsTool(string? type) => type is "command_execution" or "mcp_tool_call" or "file_change" or "web_search";

    public static string ToolName(JsonElement item) => item.Str("type") switch
    {
        "mcp_tool_call" => $"{item.Str("server")}.{item.Str("tool")}",
        var type => type ?? "tool",
    };

    public static JsonElement? ToolInput(JsonElement item) => item.Str("type") switch
    {
        "command_execution" => JsonSerializer.SerializeToElement(new { command = item.Str("command") }),
        "mcp_tool_call" => item.Any("arguments"),
        "file_change" => JsonSerializer.SerializeToElement(new { changes = item.Any("changes") }),
        "web_search" => JsonSerializer.SerializeToElement(new { query = item.Str("query") }),
        _ => null,
    };

    public static string ToolOutput(JsonElement item) => item.Str("type") switch
    {
        "command_execution" => item.Str("aggregated_output") ?? "",
        "mcp_tool_call" => item.Obj("error")?.Str("message") ?? McpResult(item.Obj("result")),
        "file_change" => string.Join("\n", item.Arr("changes")?.EnumerateArray().Select(c => $"{c.Str("kind")} {c.Str("path")}") ?? []),
        _ => "",
    };

    public static bool ToolFailed(JsonElement item) =>
        item.Str("status") is "failed" or "declined"
        || item.Obj("error") is not null
        || item.Int("exit_code") is { } code && code != 0;

    private static string McpResult(JsonElement? result)
    {
        if (result is not { } r) return "";
        var text = ClaudeContent.Text(r.Any("content"));
        return text.Length > 0 ? text : r.Any("structured_content")?.GetRawText() ?? "";
    }
}
