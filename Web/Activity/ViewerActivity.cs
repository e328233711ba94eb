using Aspire.Sandbox.Contracts.Sessions;
using Aspire.Sandbox.Web.Relay;
using Microsoft.Extensions.Options;

namespace Aspire.Sandbox.Web.Activity;

/// <summary>
/// Someone watching a session counts as activity: while a session has viewers on this Web
/// instance, its last-activity time is refreshed, so the worker does not put it to sleep.
/// </summary>
public sealed partial class ViewerActivity(
    FrameRelay relay,
    SessionStore sessions,
    IOptions<ViewerActivityOptions> options,
    ILogger<ViewerActivity> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.TouchInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var sessionId in relay.WatchedSessionIds())
            {
                try
                {
                    await sessions.TouchAsync(sessionId);
                }
                catch (StackExchange.Redis.RedisException e)
                {
                    LogTouchFailed(e, sessionId);
                }
            }
        }
    }

    [LoggerMessage(40, LogLevel.Warning, "Could not record viewer activity of session {SessionId}")]
    private partial void LogTouchFailed(Exception exception, string sessionId);
}
