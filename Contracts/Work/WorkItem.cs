namespace Aspire.Sandbox.Contracts.Work;

/// <summary>
/// One entry of the work stream. <see cref="EntryId"/> is the stream id (set when read), used to
/// acknowledge the entry once the work is done; <see cref="Body"/> is the kind's JSON payload.
/// </summary>
public sealed record WorkItem(string Kind, string SessionId, string? RunId, string Body)
{
    public string? EntryId { get; init; }
}
