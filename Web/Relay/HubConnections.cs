using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Aspire.Sandbox.Web.Relay;

/// <summary>
/// The hub's live connections by id. The relay writes pre-serialized batches straight to them, the way
/// SignalR's own group send does, but without waiting for the slowest member.
/// </summary>
public sealed class HubConnections
{
    private readonly ConcurrentDictionary<string, HubConnectionContext> _byId = new(StringComparer.Ordinal);

    public int Count => _byId.Count;

    public void Add(HubConnectionContext connection) => _byId[connection.ConnectionId] = connection;

    public void Remove(string connectionId) => _byId.TryRemove(connectionId, out _);

    public HubConnectionContext? Find(string connectionId) => _byId.GetValueOrDefault(connectionId);
}
