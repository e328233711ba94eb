using Aspire.Sandbox.Contracts.Frames;

namespace Aspire.Sandbox.Contracts.Redis;

/// <summary>
/// Keeps a live feed's frames exactly once and in order: a live frame is taken only if the frame before it (as the
/// append script named it) is the last one taken; frames at or below that are repeats; anything else is a gap,
/// to be filled from the stream.
/// </summary>
public sealed class LiveSequencer(StreamId last)
{
    public StreamId Last { get; private set; } = last;

    /// <summary>Adds the new frames of <paramref name="message"/> to <paramref name="accepted"/>; false on a gap (nothing after it is taken).</summary>
    public bool TryAccept(LiveMessage message, List<RawFrame> accepted)
    {
        var before = message.Previous;
        foreach (var frame in message.Frames)
        {
            if (frame.Id > Last)
            {
                if (before != Last) return false;
                accepted.Add(frame);
                Last = frame.Id;
            }
            before = frame.Id;
        }
        return true;
    }

    /// <summary>Frames read from the stream after <see cref="Last"/> (a fill): all taken, in order.</summary>
    public void AcceptFilled(IReadOnlyList<RawFrame> frames)
    {
        if (frames.Count > 0) Last = frames[^1].Id;
    }
}
