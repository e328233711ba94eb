using System.Text.Json;
using Aspire.Sandbox.Worker.Runs;

namespace Aspire.Sandbox.Worker.Agents;

/// <summary>
/// OpenAI Codex CLI <c>exec --json</c> events (research/mission-anchors.md §3.2). Codex sends no
/// token deltas: each <c>agent_message</c> arrives whole and becomes one text delta. Tool items start
/// a tool when they start (or, if only their completion is seen, just before their result).
/// </summary>
public sealed class CodexJsonParser(string sessionId, string runId, SecretMasker masker)
    : JsonLineAgentParser(sessionId, runId, masker)
{
    public const string Name = "codex-json";

    private readonly HashSet<string> _startedTools = new(StringComparer.Ordinal);

    protected override bool HandleEvent(JsonElement line)
    {
        switch (line.Str("type"))
        {
            case "thread.started" when line.Str("thread_id") is { } threadId:
                EmitAgentSession(threadId);
                return true;
            case "item.started" when line.Obj("item") is { } item:
                if (CodexItem.IsTool(item.Str("type"))) StartTool(item);
                return true;
            case "item.completed" when line.Obj("item") is { } item:
                OnItemCompleted(item);
                return true;
            case "turn.completed":
                // A second turn's end is not this answer's: it stays visible as output.
                return EmitDone(null, line.Any("usage"));
            case "turn.failed":
                EmitError("turn-failed", line.Obj("error")?.Str("message") ?? "The turn failed.");
                return true;
            case "error":
                EmitError("agent-error", line.Str("message") ?? "Codex reported an error.");
                return true;
            // Known, nothing to show: turn starts, progress updates of items, plan deltas.
            case "turn.started" or "item.updated" or "item.plan.delta":
                return true;
            default:
                return false;
        }
    }

    private void OnItemCompleted(JsonElement item)
    {
        var type = item.Str("type");
        if (CodexItem.IsTool(type) && item.Str("id") is { } id)
        {
            StartTool(item);
            EmitToolResult(id, CodexItem.ToolOutput(item), CodexItem.ToolFailed(item));
        }
        else if (type == "agent_message" && item.Str("text") is { } text)
        {
            SeparateNextText();
            EmitText(text, wholeBlock: true);
        }
        else if (type == "error")
        {
            EmitError("agent-error", item.Str("message") ?? "Codex reported an error.");
        }
        // reasoning, plan and todo_list items are the agent's notes, not its answer.
    }

    private void StartTool(JsonElement item)
    {
        if (item.Str("id") is { } id && _startedTools.Add(id)) EmitToolStart(id, CodexItem.ToolName(item), CodexItem.ToolInput(item));
    }
}
