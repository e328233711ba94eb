namespace Aspire.Sandbox.Worker.Docker;

/// <summary>
/// One chunk of process output, handed out as soon as it arrived. <see cref="Data"/> belongs to the
/// receiver (it is never reused by the stream), so it may be queued or kept. A line may span chunks.
/// </summary>
public sealed record ExecOutput(StreamKind Kind, ReadOnlyMemory<byte> Data);
