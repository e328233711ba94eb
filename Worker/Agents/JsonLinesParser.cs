using System.Text.Json;
using Aspire.Sandbox.Contracts.Frames;
using Aspire.Sandbox.Worker.Runs;

namespace Aspire.Sandbox.Worker.Agents;

/// <summary>
/// Our native agent protocol (<c>sandbox/agents/PROTOCOL.md</c>): one JSON object per line whose
/// <c>type</c> is an agent frame type and whose fields are that frame's. Anything else — another
/// type (a control frame included), a missing field, not JSON — is stdout data.
/// </summary>
public sealed class JsonLinesParser(string sessionId, string runId, SecretMasker masker)
    : JsonLineAgentParser(sessionId, runId, masker)
{
    public const string Name = "jsonl";

    protected override bool HandleEvent(JsonElement line)
    {
        switch (line.Str("type"))
        {
            case FrameTypes.TextDelta when line.Str("text") is { } text:
                EmitText(text);
                return true;
            case FrameTypes.ToolStart when line.Str("toolId") is { } toolId && line.Str("name") is { } name:
                EmitToolStart(toolId, name, line.Any("input"));
                return true;
            case FrameTypes.ToolResult when line.Str("toolId") is { } toolId && line.Str("output") is { } output:
                EmitToolResult(toolId, output, line.Bool("isError") ?? false);
                return true;
            case FrameTypes.AgentSession when line.Str("agentSessionId") is { } agentSessionId:
                EmitAgentSession(agentSessionId);
                return true;
            case FrameTypes.Done:
                // A second done is not the end of anything: it stays visible as output.
                return EmitDone(line.Str("text"), line.Any("usage"));
            case FrameTypes.Error when line.Str("message") is { } message:
                EmitError(line.Str("code") ?? "agent-error", message);
                return true;
            default:
                return false;
        }
    }
}
