namespace Aspire.Sandbox.Worker.Publishing;

/// <summary>
/// A frame serialized and waiting for Redis, or (with <see cref="Flushed"/>) a flush request that completes once
/// everything queued before it is in Redis. <see cref="StartedRun"/> is set on a run's <c>run-started</c> frame.
/// </summary>
internal readonly record struct PendingFrame(string SessionId, string Json, string? StartedRun, bool EndsSession, TaskCompletionSource? Flushed)
{
    public static PendingFrame Flush(TaskCompletionSource flushed) => new("", "", null, false, flushed);
}
