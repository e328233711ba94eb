using Aspire.Sandbox.Contracts.Frames;
using Microsoft.AspNetCore.SignalR;

namespace Aspire.Sandbox.Web.Relay;

/// <summary>Consecutive frames of a session on their way to its viewers, serialized once for all of them.</summary>
internal sealed class LiveBatch
{
    public LiveBatch(IReadOnlyList<RawFrame> frames)
    {
        Frames = frames;
        Message = FrameMessages.Create(frames);
        Bytes = FrameMessages.Bytes(frames);
    }

    public IReadOnlyList<RawFrame> Frames { get; }
    public SerializedHubMessage Message { get; }
    public int Bytes { get; }
    public StreamId First => Frames[0].Id;
    public StreamId Last => Frames[^1].Id;

    /// <summary>The frames after <paramref name="position"/> (a viewer that already has the others), as a batch of their own.</summary>
    public LiveBatch After(StreamId position) => new(Frames.Where(f => f.Id > position).ToArray());
}
