using System.Text.Json.Serialization;

namespace Aspire.Sandbox.Contracts.Frames;

/// <summary>
/// One event of a session, as clients see it (DESIGN §3.1). The <see cref="Id"/> is the Redis
/// stream entry id, assigned when the frame is appended, so producers leave it null.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ProgressFrame), FrameTypes.Progress)]
[JsonDerivedType(typeof(ReadyFrame), FrameTypes.Ready)]
[JsonDerivedType(typeof(StatusFrame), FrameTypes.Status)]
[JsonDerivedType(typeof(RunQueuedFrame), FrameTypes.RunQueued)]
[JsonDerivedType(typeof(RunStartedFrame), FrameTypes.RunStarted)]
[JsonDerivedType(typeof(StdoutFrame), FrameTypes.Stdout)]
[JsonDerivedType(typeof(StderrFrame), FrameTypes.Stderr)]
[JsonDerivedType(typeof(TerminalFrame), FrameTypes.Terminal)]
[JsonDerivedType(typeof(TextDeltaFrame), FrameTypes.TextDelta)]
[JsonDerivedType(typeof(ToolStartFrame), FrameTypes.ToolStart)]
[JsonDerivedType(typeof(ToolResultFrame), FrameTypes.ToolResult)]
[JsonDerivedType(typeof(AgentSessionFrame), FrameTypes.AgentSession)]
[JsonDerivedType(typeof(DoneFrame), FrameTypes.Done)]
[JsonDerivedType(typeof(ProcessExitFrame), FrameTypes.ProcessExit)]
[JsonDerivedType(typeof(ErrorFrame), FrameTypes.Error)]
[JsonDerivedType(typeof(SessionEndedFrame), FrameTypes.SessionEnded)]
public abstract record Frame
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Id { get; init; }

    public required string Session { get; init; }

    /// <summary>Run id, or null for session-level frames (always written, as the contract says).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Run { get; init; }

    /// <summary>Microseconds since the Unix epoch when the source produced the frame.</summary>
    public long Ts { get; init; } = FrameClock.NowMicroseconds();
}
