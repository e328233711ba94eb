using Aspire.Sandbox.Web.Hubs;
using Microsoft.AspNetCore.SignalR;

namespace Aspire.Sandbox.Web.Relay;

/// <summary>SignalR's default lifetime manager for the sessions hub, which also keeps <see cref="HubConnections"/>.</summary>
public sealed class RelayHubLifetimeManager(HubConnections connections, ILogger<DefaultHubLifetimeManager<SessionsHub>> logger)
    : DefaultHubLifetimeManager<SessionsHub>(logger)
{
    public override Task OnConnectedAsync(HubConnectionContext connection)
    {
        connections.Add(connection);
        return base.OnConnectedAsync(connection);
    }

    public override Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        connections.Remove(connection.ConnectionId);
        return base.OnDisconnectedAsync(connection);
    }
}
