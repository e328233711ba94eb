namespace Aspire.Sandbox.Contracts.Work;

/// <summary>
/// One entry of the work stream. <see cref="EntryId"/> is the stream id (set when read), used to
/// acknowledge the entry once the work is done; <see cref="Body"/> is the kind's JSON payload.
/// </summary>
public sealed record WorkItem(string Kind, string SessionId, string? RunId, string Body)
{
    public string? EntryId { get; init; }

    /// <summary>
    /// True when this entry was delivered before to a worker that died (its lease expired) before
    /// acknowledging it: that worker may have started it. A run in this state that is already
    /// <c>running</c> was interrupted by the worker's death (<c>process-exit</c> reason <c>worker-lost</c>).
    /// </summary>
    public bool Reclaimed { get; init; }

    /// <summary>
    /// The W3C <c>traceparent</c> of the request that queued this work (null: none), so the worker's spans join
    /// the trace of the session or run. Ids only: it carries no data of the work.
    /// </summary>
    public string? TraceParent { get; init; }
}
