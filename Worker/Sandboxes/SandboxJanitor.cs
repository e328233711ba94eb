using Aspire.Sandbox.Contracts.Frames;
using Aspire.Sandbox.Contracts.Sessions;
using Aspire.Sandbox.Contracts.Templates;
using Aspire.Sandbox.Worker.Engine;
using Aspire.Sandbox.Worker.Publishing;
using Microsoft.Extensions.Options;

namespace Aspire.Sandbox.Worker.Sandboxes;

/// <summary>
/// Keeps the engine tidy, at start and then periodically: removes containers of this deployment
/// whose session is gone or deleted (the reaper), and puts sandboxes idle for longer than their
/// idle timeout to sleep (container stopped, workspace kept; the next run wakes it).
/// </summary>
public sealed partial class SandboxJanitor(
    ISandboxEngine engine,
    SandboxManager sandboxes,
    SessionStore sessions,
    TemplateCatalog templates,
    FramePublisher frames,
    TimeProvider time,
    IOptions<WorkerOptions> options,
    ILogger<SandboxJanitor> logger) : BackgroundService
{
    private static readonly TimeSpan DeleteGrace = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SweepInterval(), time);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSweepFailed(e);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>
    /// In local development the worker's sandboxes go with it, and their sessions end as <c>stopped</c>: Redis
    /// keeps its data across restarts, and a session must not read as ready with no sandbox behind it. Hosted
    /// services stop in reverse order, so by now the work queue consumer has stopped and its runs have ended;
    /// the frame publisher stops after this and delivers the ends.
    /// </summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (!options.Value.RemoveContainersOnShutdown) return;
        try
        {
            foreach (var sessionId in await sandboxes.RemoveAllAsync(cancellationToken))
            {
                if (!await sessions.TryEndAsync(sessionId, SessionStates.Stopped)) continue;
                frames.Publish(new StatusFrame { Session = sessionId, State = SessionStates.Stopped });
                frames.Publish(new SessionEndedFrame { Session = sessionId, Reason = SessionStates.Stopped });
            }
        }
        catch (Exception e) when (e is SandboxEngineException or OperationCanceledException or StackExchange.Redis.RedisException or TimeoutException)
        {
            LogRemoveAllFailed(e);
        }
    }

    /// <summary>The configured interval, but at least two sweeps within the shortest idle timeout or lifetime of any template.</summary>
    private TimeSpan SweepInterval()
    {
        var shortestIdle = templates.All.SelectMany(t => new[] { t.IdleTimeoutSeconds, t.MaxLifetimeSeconds }).Where(s => s is > 0).Min();
        var interval = shortestIdle is { } seconds ? TimeSpan.FromSeconds(seconds / 2.0) : options.Value.JanitorInterval;
        return TimeSpan.FromSeconds(Math.Clamp(Math.Min(interval.TotalSeconds, options.Value.JanitorInterval.TotalSeconds), 1, 3600));
    }

    private async Task SweepAsync(CancellationToken ct)
    {
        var mine = await engine.ListContainersAsync(
            new Dictionary<string, string> { [SandboxLabels.App] = options.Value.AppInstance }, ct);
        foreach (var container in mine)
        {
            if (!container.Labels.TryGetValue(SandboxLabels.Session, out var sessionId)) continue;
            var session = await sessions.GetAsync(sessionId);
            // A just-deleted session is left to its delete work item; the janitor only catches what that missed.
            if (session is null || (session.Status == SessionStates.Deleted && time.GetUtcNow() - session.LastActivityAt > DeleteGrace))
            {
                LogReaping(sessionId);
                await sandboxes.RemoveAsync(sessionId, container.Id, ct);
            }
            else if (session.Status != SessionStates.Running && IsExpired(session))
            {
                await ExpireAsync(session, container.Id, ct);
            }
            else if (container.State == "running" && session.Status == SessionStates.Ready && IsIdle(session))
            {
                await SleepAsync(session, container.Id, ct);
            }
        }
    }

    private bool IsExpired(SessionRecord session) =>
        time.GetUtcNow() - session.CreatedAt >= (templates.Find(session.Template)?.MaxLifetime ?? TemplateDefinition.DefaultMaxLifetime);

    /// <summary>A session past its lifetime loses its sandbox; its frames stay until their retention ends.</summary>
    private async Task ExpireAsync(SessionRecord session, string containerId, CancellationToken ct)
    {
        if (await sessions.SwapStatusAsync(session.Id, SessionStates.Expired) == SessionStates.Expired) return;
        await sandboxes.RemoveAsync(session.Id, containerId, ct);
        frames.Publish(new SessionEndedFrame { Session = session.Id, Reason = "expired" });
        LogExpired(session.Id);
    }

    private bool IsIdle(SessionRecord session)
    {
        var timeout = templates.Find(session.Template)?.IdleTimeout ?? TemplateDefinition.DefaultIdleTimeout;
        return time.GetUtcNow() - session.LastActivityAt >= timeout;
    }

    private async Task SleepAsync(SessionRecord session, string containerId, CancellationToken ct)
    {
        // Claimed first, so a run that arrives meanwhile sees "sleeping" and wakes the sandbox.
        if (!await sessions.TryTransitionStatusAsync(session.Id, SessionStates.Ready, SessionStates.Sleeping)) return;
        await engine.StopContainerAsync(containerId, options.Value.StopGracePeriod, ct);
        frames.Publish(new StatusFrame { Session = session.Id, State = SessionStates.Sleeping });
        LogSleeping(session.Id);
    }

    [LoggerMessage(70, LogLevel.Information, "Removing the sandbox of session {SessionId}: the session is gone")]
    private partial void LogReaping(string sessionId);

    [LoggerMessage(71, LogLevel.Information, "Sandbox of session {SessionId} is idle: sleeping (files kept)")]
    private partial void LogSleeping(string sessionId);

    [LoggerMessage(73, LogLevel.Error, "Removing this worker's sandboxes at shutdown failed")]
    private partial void LogRemoveAllFailed(Exception exception);

    [LoggerMessage(74, LogLevel.Information, "Session {SessionId} reached its maximum lifetime: sandbox removed")]
    private partial void LogExpired(string sessionId);

    [LoggerMessage(72, LogLevel.Warning, "Sandbox sweep failed; next sweep will retry")]
    private partial void LogSweepFailed(Exception exception);
}
