namespace Aspire.Sandbox.Web.Relay;

/// <summary>The sessions one connection watches, by session id.</summary>
internal sealed class ConnectionViewers
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Subscription> _bySession = new(StringComparer.Ordinal);
    private bool _closed;

    public bool TryAdd(Subscription subscription, int max)
    {
        lock (_gate)
        {
            if (_closed || _bySession.Count >= max) return false;
            _bySession[subscription.Viewer.SessionId] = subscription;
            return true;
        }
    }

    public Subscription? Remove(string sessionId)
    {
        lock (_gate) return _bySession.Remove(sessionId, out var subscription) ? subscription : null;
    }

    /// <summary>Takes every viewer out, for good: the connection has gone.</summary>
    public Subscription[] Close()
    {
        lock (_gate)
        {
            _closed = true;
            var all = _bySession.Values.ToArray();
            _bySession.Clear();
            return all;
        }
    }
}
