namespace Aspire.Sandbox.Contracts.Redis;

/// <summary>Names one append call of one producer, so a retried call is applied once (see <see cref="FrameLog"/>).</summary>
public readonly record struct AppendBatchId(string Producer, long Sequence);
