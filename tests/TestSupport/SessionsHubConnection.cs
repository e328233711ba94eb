using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Aspire.Sandbox.TestSupport;

/// <summary>Builds official SignalR client connections to the Web's sessions hub.</summary>
public static class SessionsHubConnection
{
    public const string Path = "/hubs/sessions";

    /// <summary>
    /// A connection (not started) that sends <paramref name="accessToken"/> through the client's access token
    /// provider. WebSockets only, without negotiation: the one transport the Web relays frames over.
    /// </summary>
    public static HubConnection Build(Uri webBase, string accessToken, HubWireProtocol protocol = HubWireProtocol.Json)
    {
        var builder = new HubConnectionBuilder().WithUrl(new Uri(webBase, Path), options =>
        {
            options.AccessTokenProvider = () => Task.FromResult<string?>(accessToken);
            options.Transports = HttpTransportType.WebSockets;
            options.SkipNegotiation = true;
        });
        if (protocol == HubWireProtocol.MessagePack) builder.AddMessagePackProtocol();
        return builder.Build();
    }
}
