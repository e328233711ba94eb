namespace Aspire.Sandbox.Worker.Agents;

/// <summary>
/// A piece of agent stdout as <see cref="LineAssembler"/> cuts it: a whole line that may be a JSON
/// event (<see cref="IsCandidate"/>, newline included), or text to pass through as it is.
/// </summary>
public readonly record struct LinePiece(string Text, bool IsCandidate);
