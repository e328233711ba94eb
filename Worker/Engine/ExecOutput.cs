namespace Aspire.Sandbox.Worker.Engine;

/// <summary>
/// One chunk of process output. <see cref="Data"/> belongs to the receiver (never reused by the stream),
/// so it may be queued or kept. A line may span chunks.
/// </summary>
public sealed record ExecOutput(StreamKind Kind, ReadOnlyMemory<byte> Data);
