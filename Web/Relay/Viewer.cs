using System.Threading.Channels;
using Aspire.Sandbox.Contracts.Frames;

namespace Aspire.Sandbox.Web.Relay;

/// <summary>
/// One connection watching one session. Every frame for it goes through <see cref="Outbox"/>, in
/// order; <see cref="LastQueued"/> is the highest id queued, so nothing is queued twice. While the
/// viewer catches up from the stream, live frames wait in <see cref="Held"/>.
/// </summary>
internal sealed class Viewer(string connectionId, string sessionId, StreamId after)
{
    public string ConnectionId { get; } = connectionId;
    public string SessionId { get; } = sessionId;
    public Channel<RawFrame> Outbox { get; } = Channel.CreateUnbounded<RawFrame>(new() { SingleReader = true });
    public StreamId LastQueued { get; private set; } = after;
    public bool IsLive { get; set; }
    public List<RawFrame> Held { get; } = [];
    public Task Pump { get; set; } = Task.CompletedTask;

    /// <summary>Queues a frame unless it was already queued (ids only grow).</summary>
    public void Queue(RawFrame frame)
    {
        if (frame.Id <= LastQueued) return;
        LastQueued = frame.Id;
        Outbox.Writer.TryWrite(frame);
    }
}
