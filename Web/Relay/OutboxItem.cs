using Aspire.Sandbox.Contracts.Frames;

namespace Aspire.Sandbox.Web.Relay;

/// <summary>
/// What a viewer still has to send, in order: a live batch, or a range of the stream read when its turn comes
/// (catch-up on subscribe, or live batches folded back into the stream while the viewer catches up).
/// </summary>
internal sealed class OutboxItem
{
    private OutboxItem(LiveBatch? batch, StreamId after, StreamId through)
    {
        Batch = batch;
        After = after;
        Through = through;
    }

    public LiveBatch? Batch { get; }

    /// <summary>Replay: the last id already sent (advances as pages go out).</summary>
    public StreamId After { get; set; }

    /// <summary>Replay: the last id to send (may grow while the replay runs).</summary>
    public StreamId Through { get; set; }

    public bool IsReplay => Batch is null;

    public static OutboxItem Live(LiveBatch batch) => new(batch, default, default);

    public static OutboxItem Replay(StreamId after, StreamId through) => new(null, after, through);
}
