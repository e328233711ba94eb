using Aspire.Sandbox.Contracts.Sessions;
using Aspire.Sandbox.Web.Relay;

namespace Aspire.Sandbox.Web.Activity;

/// <summary>
/// Someone watching a session counts as activity: while a session has viewers on this Web
/// instance, its last-activity time is refreshed, so the worker does not put it to sleep.
/// </summary>
public sealed partial class ViewerActivity(FrameRelay relay, SessionStore sessions, ILogger<ViewerActivity> logger) : BackgroundService
{
    /// <summary>Well inside the shortest sensible idle timeout; one small write per watched session.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(20);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
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
