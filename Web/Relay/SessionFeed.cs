using Aspire.Sandbox.Contracts.Frames;

namespace Aspire.Sandbox.Web.Relay;

/// <summary>
/// The viewers of one session on this Web instance, fed by one Redis subscription. Live frames
/// arrive on Redis' pub/sub callback, which must never block: this only queues them.
/// </summary>
internal sealed class SessionFeed(string sessionId)
{
    private readonly Lock _gate = new();
    private readonly List<Viewer> _viewers = [];

    public string SessionId { get; } = sessionId;

    public int Count { get { lock (_gate) return _viewers.Count; } }

    public void Add(Viewer viewer) { lock (_gate) _viewers.Add(viewer); }

    public Viewer? Remove(string connectionId)
    {
        lock (_gate)
        {
            var index = _viewers.FindIndex(v => v.ConnectionId == connectionId);
            if (index < 0) return null;
            var viewer = _viewers[index];
            _viewers.RemoveAt(index);
            return viewer;
        }
    }

    public void OnLive(RawFrame frame)
    {
        lock (_gate)
            foreach (var viewer in _viewers)
                if (viewer.IsLive) viewer.Queue(frame);
                else viewer.Held.Add(frame);
    }

    /// <summary>Ends a viewer's catch-up: held live frames newer than the replay go out, then it is live.</summary>
    public void GoLive(Viewer viewer)
    {
        lock (_gate)
        {
            foreach (var frame in viewer.Held) viewer.Queue(frame);
            viewer.Held.Clear();
            viewer.IsLive = true;
        }
    }
}
