using System.Text.Json;
using Aspire.Sandbox.Worker.Runs;

namespace Aspire.Sandbox.Worker.Agents;

/// <summary>
/// Claude Code's <c>-p --output-format stream-json --verbose [--include-partial-messages]</c>
/// (research/mission-anchors.md §3.1). Text shows as it streams when partial messages are on and
/// from the full <c>assistant</c> lines when they are off, never twice when both come; tool_use
/// blocks start tools once whichever way they arrive; a sub-agent's text (lines with a
/// <c>parent_tool_use_id</c>) is not the answer and is not shown, its tools are.
/// </summary>
public sealed class ClaudeStreamJsonParser(string sessionId, string runId, SecretMasker masker)
    : JsonLineAgentParser(sessionId, runId, masker)
{
    public const string Name = "claude-stream-json";

    private readonly Dictionary<string, ClaudeStreamedText> _streamed = new(StringComparer.Ordinal);
    private readonly Queue<string> _streamedOrder = new();
    private readonly Dictionary<string, ClaudeOpenMessage> _open = new(StringComparer.Ordinal);
    private readonly HashSet<string> _startedTools = new(StringComparer.Ordinal);
    private string? _agentSessionId;
    private string? _reportedError;

    protected override bool HandleEvent(JsonElement line) => line.Str("type") switch
    {
        "system" => OnSystem(line),
        "stream_event" => OnStreamEvent(line),
        "assistant" => OnAssistant(line),
        "user" => OnUser(line),
        "result" => OnResult(line),
        // Known, with nothing a viewer needs: rate-limit notices and sub-agent accounting.
        "rate_limit_event" or "subagent_token_usage" => true,
        _ => false,
    };

    private bool OnSystem(JsonElement line)
    {
        if (line.Str("subtype") == "init" && line.Str("session_id") is { } id && id != _agentSessionId)
        {
            _agentSessionId = id;
            EmitAgentSession(id);
        }
        // Hooks, tasks, compaction and status lines are progress with no frame of their own.
        return true;
    }

    private bool OnStreamEvent(JsonElement line)
    {
        if (line.Obj("event") is not { } ev) return false;
        var parent = line.Str("parent_tool_use_id") ?? "";
        var index = ev.Int("index") ?? -1;
        switch (ev.Str("type"))
        {
            case "message_start":
                _open[parent] = new ClaudeOpenMessage(ev.Obj("message")?.Str("id") ?? "");
                break;
            case "content_block_start" when ev.Obj("content_block") is { } block:
                OnBlockStart(parent, index, block);
                break;
            case "content_block_delta" when ev.Obj("delta") is { } delta:
                if (delta.Str("type") == "text_delta" && delta.Str("text") is { } text) StreamText(parent, text);
                else if (delta.Str("type") == "input_json_delta" && delta.Str("partial_json") is { } json && Open(parent).Tools.TryGetValue(index, out var pending))
                    pending.Append(json);
                break;
            case "content_block_stop":
                if (Open(parent).Tools.Remove(index, out var tool)) StartTool(tool.Id, tool.Name, tool.Input());
                break;
        }
        // message_delta, message_stop, thinking and signature deltas: nothing to show.
        return true;
    }

    private void OnBlockStart(string parent, int index, JsonElement block)
    {
        switch (block.Str("type"))
        {
            case "tool_use" or "server_tool_use" when block.Str("id") is { } id:
                Open(parent).Tools[index] = new ClaudePendingTool(id, block.Str("name") ?? "");
                break;
            case "text":
                if (parent.Length == 0) SeparateNextText();
                StreamText(parent, block.Str("text") ?? "");
                break;
        }
    }

    private void StreamText(string parent, string text)
    {
        if (parent.Length > 0 || text.Length == 0) return;
        var messageId = Open(parent).MessageId;
        if (!_streamed.TryGetValue(messageId, out var streamed))
        {
            // A message's full line comes right after its partials: the last two messages are all that can still be matched.
            _streamedOrder.Enqueue(messageId);
            if (_streamedOrder.Count > 2) _streamed.Remove(_streamedOrder.Dequeue());
            _streamed[messageId] = streamed = new ClaudeStreamedText(Masker);
        }
        streamed.Append(text);
        EmitText(text);
    }

    private bool OnAssistant(JsonElement line)
    {
        if (line.Obj("message") is not { } message) return false;
        var content = message.Any("content");
        if (line.Str("error") is { } error)
        {
            // The CLI reports auth, billing and API failures as an assistant message carrying the reason as text.
            var reason = ClaudeContent.Text(content);
            _reportedError = reason.Length > 0 ? reason : error;
            EmitError(error, _reportedError);
            return true;
        }
        var isMainAgent = line.Str("parent_tool_use_id") is null;
        var messageId = message.Str("id") ?? "";
        foreach (var block in ClaudeContent.Blocks(content))
        {
            var type = block.Str("type");
            if (type == "text" && isMainAgent && block.Str("text") is { } text) ShowFullText(messageId, text);
            else if (type is "tool_use" or "server_tool_use" && block.Str("id") is { } toolId)
                StartTool(toolId, block.Str("name") ?? "", block.Any("input"));
            else if (type is not null && type.EndsWith("tool_result", StringComparison.Ordinal) && block.Str("tool_use_id") is { } resultId)
                EmitToolResult(resultId, ClaudeContent.Text(block.Any("content")), block.Bool("is_error") ?? false);
        }
        return true;
    }

    private void ShowFullText(string messageId, string text)
    {
        var unshown = _streamed.TryGetValue(messageId, out var streamed) ? streamed.Unshown(text) : null;
        if (unshown is not null)
        {
            EmitText(unshown, wholeBlock: true);
            return;
        }
        SeparateNextText();
        EmitText(text, wholeBlock: true);
    }

    private bool OnUser(JsonElement line)
    {
        if (line.Obj("message") is not { } message) return false;
        // A plain-string content is the prompt replayed: only tool results are news.
        foreach (var block in ClaudeContent.Blocks(message.Any("content")))
            if (block.Str("type") == "tool_result" && block.Str("tool_use_id") is { } toolId)
                EmitToolResult(toolId, ClaudeContent.Text(block.Any("content")), block.Bool("is_error") ?? false);
        return true;
    }

    private bool OnResult(JsonElement line)
    {
        // A second result is not the end of anything: it stays visible as output.
        if (DoneEmitted) return false;
        var subtype = line.Str("subtype");
        var usage = ClaudeResultUsage.From(line);
        if (line.Bool("is_error") == true || subtype?.StartsWith("error", StringComparison.Ordinal) == true)
        {
            // The result repeats an error the assistant line already reported (auth, billing): say it once.
            var message = ErrorMessage(line, subtype);
            if (message != _reportedError)
                EmitError(subtype?.StartsWith("error", StringComparison.Ordinal) == true ? subtype : "agent-error", message);
            EmitDone(null, usage);
            return true;
        }
        // An empty result happens (anthropics/claude-code#8126): the streamed text is the answer then.
        EmitDone(line.Str("result") is { Length: > 0 } result ? result : null, usage);
        return true;
    }

    private static string ErrorMessage(JsonElement result, string? subtype)
    {
        var errors = result.Arr("errors")?.EnumerateArray()
            .Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : e.Str("message") ?? e.GetRawText())
            .Where(e => !string.IsNullOrEmpty(e)).ToList() ?? [];
        if (errors.Count > 0) return string.Join("; ", errors);
        return result.Str("result") is { Length: > 0 } text ? text : subtype ?? "The agent reported an error.";
    }

    private void StartTool(string id, string name, JsonElement? input)
    {
        if (_startedTools.Add(id)) EmitToolStart(id, name, input);
    }

    private ClaudeOpenMessage Open(string parent)
    {
        if (!_open.TryGetValue(parent, out var open)) _open[parent] = open = new ClaudeOpenMessage("");
        return open;
    }
}
