using System.Text.Json;

namespace Aspire.Sandbox.Contracts.Frames;

// Frames parsed from an agent's output.

public sealed record TextDeltaFrame : Frame
{
    public required string Text { get; init; }
}

public sealed record ToolStartFrame : Frame
{
    public required string ToolId { get; init; }
    public required string Name { get; init; }
    public JsonElement? Input { get; init; }
}

public sealed record ToolResultFrame : Frame
{
    public required string ToolId { get; init; }
    public required string Output { get; init; }
    public bool IsError { get; init; }
}

public sealed record AgentSessionFrame : Frame
{
    public required string AgentSessionId { get; init; }
}

public sealed record DoneFrame : Frame
{
    public required string Text { get; init; }
    public JsonElement? Usage { get; init; }
}
