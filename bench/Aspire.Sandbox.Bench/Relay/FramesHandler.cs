namespace Aspire.Sandbox.Bench.Relay;

/// <summary>Looks at one raw <c>frames</c> hub message that arrived at <paramref name="nowMicros"/>.</summary>
public delegate void FramesHandler(ReadOnlySpan<byte> record, long nowMicros);
