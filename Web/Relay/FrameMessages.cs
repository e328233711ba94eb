using Aspire.Sandbox.Contracts.Frames;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Aspire.Sandbox.Web.Relay;

/// <summary>The hub message that carries frames: an invocation of the client method <c>frames</c> with one array.</summary>
internal static class FrameMessages
{
    /// <summary>The client method (DESIGN §3.3); the same name as <see cref="Hubs.ISessionsClient.Frames"/>.</summary>
    public const string ClientMethod = "frames";

    /// <summary>Serialized once per protocol on first write, then the same bytes go to every connection.</summary>
    public static SerializedHubMessage Create(IReadOnlyList<RawFrame> frames) =>
        new(new InvocationMessage(ClientMethod, [frames]));

    public static int Bytes(IReadOnlyList<RawFrame> frames)
    {
        var bytes = 0;
        foreach (var frame in frames) bytes += frame.Json.Length;
        return bytes;
    }
}
