using Aspire.Sandbox.Contracts.Control;
using Aspire.Sandbox.Contracts.Frames;
using Aspire.Sandbox.Contracts.Sessions;
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
public sealed class SessionsHub(FrameRelay relay, SessionStore sessions, SessionControl control, RelayMetrics metrics) : Hub<ISessionsClient>
{
    public const string Path = "/hubs/sessions";

    public Task Subscribe(string sessionId, string? afterId)
    {
        EnsureCanView(sessionId);
        var after = StreamId.Zero;
        if (afterId is not null && !StreamId.TryParse(afterId, out after))
            throw new HubException("afterId must be a frame id (ms-seq) or null.");
        return relay.SubscribeAsync(Context.ConnectionId, sessionId, after);
    }

    public Task Unsubscribe(string sessionId) => relay.UnsubscribeAsync(Context.ConnectionId, sessionId);

    /// <summary>Owner only: text for the current run's stdin or PTY.</summary>
    public async Task SendInput(string sessionId, string data)
    {
        var run = await CurrentRunAsync(sessionId);
        await control.SendAsync(sessionId, new ControlMessage(ControlKinds.Input, run, data));
    }

    /// <summary>Owner only: resizes the current run's PTY.</summary>
    public async Task Resize(string sessionId, int cols, int rows)
    {
        if (cols is < 1 or > 1000 || rows is < 1 or > 1000) throw new HubException("cols and rows must be between 1 and 1000.");
        var run = await CurrentRunAsync(sessionId);
        await control.SendAsync(sessionId, new ControlMessage(ControlKinds.Resize, run, Cols: cols, Rows: rows));
    }

    public override Task OnConnectedAsync()
    {
        metrics.ConnectionAdded(1);
        return Task.CompletedTask;
    }

    // SignalR calls this only for connections whose OnConnectedAsync completed, so the count stays balanced.
    public override Task OnDisconnectedAsync(Exception? exception)
    {
        metrics.ConnectionAdded(-1);
        return relay.DisconnectAsync(Context.ConnectionId);
    }

    private async Task<string> CurrentRunAsync(string sessionId)
    {
        EnsureCanView(sessionId);
        if (!Context.User!.CanControl(sessionId)) throw new HubException("This token may only watch the session.");
        return (await sessions.GetAsync(sessionId))?.CurrentRun
            ?? throw new HubException("No process is running in this session; start a run first.");
    }

    private void EnsureCanView(string sessionId)
    {
        // The same answer for a session that does not exist and one the token does not cover.
        if (!Context.User!.CanView(sessionId)) throw new HubException("No such session for this token.");
    }
}
