namespace Aspire.Sandbox.Contracts.Frames;

// Process output. Data is UTF-8 text unless Encoding is "base64".

public abstract record OutputFrame : Frame
{
    public required string Data { get; init; }
    public string? Encoding { get; init; }
}

public sealed record StdoutFrame : OutputFrame;

public sealed record StderrFrame : OutputFrame;

public sealed record TerminalFrame : OutputFrame;
