using System.Text.Json.Serialization;

namespace Aspire.Sandbox.Contracts.Frames;

// Frames only the platform emits: a sandboxed process can never produce these.

public sealed record ProgressFrame : Frame
{
    public required string Step { get; init; }
    public required string Message { get; init; }
}

public sealed record ReadyFrame : Frame
{
    /// <summary>The preview URL of the template's first exposed port; null when it exposes none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? PreviewUrl { get; init; }

    /// <summary>Every exposed port's preview URL (omitted when there are none).</summary>
    public IReadOnlyList<PreviewLink>? Previews { get; init; }
}

/// <summary>A sandbox port and the URL that opens it from a browser.</summary>
public sealed record PreviewLink(int Port, string Url);

public sealed record StatusFrame : Frame
{
    public required string State { get; init; }
}

public sealed record RunQueuedFrame : Frame
{
    public required int Position { get; init; }
}

public sealed record RunStartedFrame : Frame
{
    public required IReadOnlyList<string> Command { get; init; }
}

public sealed record ProcessExitFrame : Frame
{
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public int? ExitCode { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Signal { get; init; }

    public required string Reason { get; init; }
}

public sealed record ErrorFrame : Frame
{
    public required string Code { get; init; }
    public required string Message { get; init; }
}

public sealed record SessionEndedFrame : Frame
{
    public required string Reason { get; init; }
}
