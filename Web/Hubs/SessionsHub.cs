using Aspire.Sandbox.Contracts.Frames;
using Aspire.Sandbox.Contracts.Security;
using Aspire.Sandbox.Web.Relay;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Aspire.Sandbox.Web.Hubs;

/// <summary>
/// The real-time hub: a connection authenticated with a session token subscribes to that
/// session's frames, replayed from the stream and then live, with no gap and no duplicate.
/// </summary>
[Authorize(AuthenticationSchemes = SessionTokenAuthenticationHandler.SchemeName)]
public sealed class SessionsHub(FrameRelay relay) : Hub<ISessionsClient>
{
    public const string Path = "/hubs/sessions";

    public Task Subscribe(string sessionId, string? afterId)
    {
        EnsureCanView(sessionId);
        var after = StreamId.Zero;
        if (afterId is not null && !StreamId.TryParse(afterId, out after))
            throw new HubException("afterId must be a frame id (ms-seq) or null.");
        return relay.SubscribeAsync(Context.ConnectionId, sessionId, after, Context.ConnectionAborted);
    }

    public Task Unsubscribe(string sessionId) => relay.UnsubscribeAsync(Context.ConnectionId, sessionId);

    public override Task OnDisconnectedAsync(Exception? exception) => relay.DisconnectAsync(Context.ConnectionId);

    private void EnsureCanView(string sessionId)
    {
        // The same answer for a session that does not exist and one the token does not cover.
        if (!Context.User!.CanView(sessionId)) throw new HubException("No such session for this token.");
    }
}
