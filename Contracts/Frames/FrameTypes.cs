namespace Aspire.Sandbox.Contracts.Frames;

/// <summary>The wire names of frame types (DESIGN §3.1).</summary>
public static class FrameTypes
{
    public const string Progress = "progress";
    public const string Ready = "ready";
    public const string Status = "status";
    public const string RunQueued = "run-queued";
    public const string RunStarted = "run-started";
    public const string Stdout = "stdout";
    public const string Stderr = "stderr";
    public const string Terminal = "terminal";
    public const string TextDelta = "text-delta";
    public const string ToolStart = "tool-start";
    public const string ToolResult = "tool-result";
    public const string AgentSession = "agent-session";
    public const string Done = "done";
    public const string ProcessExit = "process-exit";
    public const string Error = "error";
    public const string SessionEnded = "session-ended";
}
