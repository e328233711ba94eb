using MessagePack.Formatters;
using MessagePack.Resolvers;
using Microsoft.AspNetCore.SignalR;

namespace Aspire.Sandbox.Web.Relay;

public static class HubProtocolsBuilderExtensions
{
    /// <summary>
    /// Offers the MessagePack hub protocol beside JSON (the client picks one in its handshake). Frames are held as
    /// pre-serialized JSON, so MessagePack gets a formatter of its own for them; everything else keeps SignalR's
    /// resolvers and their untrusted-data settings.
    /// </summary>
    public static ISignalRServerBuilder AddFrameMessagePackProtocol(this ISignalRServerBuilder builder) =>
        builder.AddMessagePackProtocol(options =>
        {
            var signalR = options.SerializerOptions;
            options.SerializerOptions = signalR.WithResolver(
                CompositeResolver.Create([new RawFrameMessagePackFormatter()], new[] { signalR.Resolver }));
        });
}
