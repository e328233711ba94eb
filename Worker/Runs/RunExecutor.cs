using Aspire.Sandbox.Contracts.Frames;
using Aspire.Sandbox.Contracts.Security;
using Aspire.Sandbox.Contracts.Sessions;
using Aspire.Sandbox.Contracts.Templates;
using Aspire.Sandbox.Contracts.Work;
using Aspire.Sandbox.Worker.Agents;
using Aspire.Sandbox.Worker.Engine;
using Aspire.Sandbox.Worker.Publishing;
using Aspire.Sandbox.Worker.Sandboxes;

namespace Aspire.Sandbox.Worker.Runs;

/// <summary>
/// Runs one command in its session's sandbox with exec, streams its output as frames the moment
/// it is read, and ends it with exactly one <c>process-exit</c>. The exit code reported is the
/// engine's (exec inspect), never invented; stop and timeout end the whole process tree.
/// </summary>
public sealed partial class RunExecutor(
    ISandboxEngine engine,
    SandboxManager sandboxes,
    FramePublisher frames,
    SessionStore sessions,
    TemplateCatalog templates,
    ActiveRuns activeRuns,
    RunStopper stopper,
    ProcessSignaller signaller,
    WorkspaceQuotaWatch quota,
    OomKillCounter oomKills,
    WorkerMetrics metrics,
    IServiceProvider services,
    ILogger<RunExecutor> logger)
{
    private const int KilledBySigkill = 128 + 9;

    /// <param name="reclaimed">The work item was claimed from a worker that died before finishing it.</param>
    public async Task RunAsync(string sessionId, string runId, RunWork work, CancellationToken ct, bool reclaimed = false)
    {
        var record = await sessions.GetRunAsync(runId);
        if (reclaimed && record is { Status: RunStates.Running })
        {
            await EndLostRunAsync(sessionId, runId, ct);
            return;
        }
        if (record is { StopRequested: true, Status: RunStates.Queued }
            && await sessions.TryTransitionRunAsync(runId, RunStates.Queued, RunStates.Stopped))
        {
            // Stopped while it waited: it never starts, but it still ends with its one process-exit.
            frames.Publish(new ProcessExitFrame { Session = sessionId, Run = runId, ExitCode = null, Reason = "stopped" });
            metrics.RunFinished("stopped");
            return;
        }
        // At-least-once delivery: a run already taken (by us earlier, or another worker) is not run again.
        if (!await sessions.TryTransitionRunAsync(runId, RunStates.Queued, RunStates.Running)) return;

        if (await sandboxes.FindContainerAsync(sessionId, ct) is not { } containerId)
        {
            frames.Publish(new ErrorFrame { Session = sessionId, Run = runId, Code = "sandbox-missing", Message = "The session has no sandbox (it failed to start or was removed)." });
            await EndAsync(sessionId, runId, RunStates.Failed, new ExitReport(null, null, "failed"));
            return;
        }

        var session = await sessions.GetAsync(sessionId);
        var template = templates.Find(session?.Template);
        // A prompt continues the agent's conversation from the session's earlier prompts (runs of a session go in order).
        IReadOnlyList<string> command = work.ContinuesConversation && template?.ResumeArgumentsFor(session?.AgentSessionId) is { Count: > 0 } resume
            ? [.. work.Command, .. resume]
            : work.Command;
        var run = new ActiveRun(sessionId, runId, containerId, tty: template?.IsTerminal == true);
        activeRuns.Add(run);
        try
        {
            await sessions.SetCurrentRunAsync(sessionId, runId, WorkerIdentity.Current);
            // Running from here on, so the janitor leaves it alone; a sleeping sandbox wakes transparently.
            if (await sessions.SwapStatusAsync(sessionId, SessionStates.Running) == SessionStates.Sleeping)
                await sandboxes.WakeAsync(sessionId, containerId, ct);
            frames.Publish(new StatusFrame { Session = sessionId, State = SessionStates.Running });
            frames.Publish(new RunStartedFrame { Session = sessionId, Run = runId, Command = command });
            WorkerTelemetry.TraceFirstFramesPublished(frames);
            var report = await ExecuteAsync(run, work with { Command = command }, template, ct);
            await EndAsync(sessionId, runId, report.Reason == "exited" ? RunStates.Exited : RunStates.Stopped, report);
            await ReapLeftoversAsync(run, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The worker is stopping: say so instead of leaving the run without an end.
            await EndAsync(sessionId, runId, RunStates.Failed, new ExitReport(null, null, "worker-lost"));
            throw;
        }
        catch (SandboxEngineException e)
        {
            LogRunFailed(e, sessionId, runId);
            frames.Publish(new ErrorFrame { Session = sessionId, Run = runId, Code = "exec-failed", Message = e.Message });
            await EndAsync(sessionId, runId, RunStates.Failed, new ExitReport(null, null, "failed"));
        }
        finally
        {
            activeRuns.Remove(run);
        }
    }

    private async Task<ExitReport> ExecuteAsync(ActiveRun run, RunWork work, TemplateDefinition? template, CancellationToken ct)
    {
        var secrets = work.SealedSecrets is null
            ? new Dictionary<string, string>()
            : services.GetRequiredService<SecretSealer>().Unseal(work.SealedSecrets);

        using (WorkerTelemetry.StartStep("exec create"))
        {
            run.ExecId = await CreateExecAsync(run.ContainerId, new ExecDefinition
            {
                Command = work.Command,
                // Secrets go to this process only: never the container's Config.Env, never a log (nor a span).
                Env = [.. work.Env.Concat(secrets).Select(kv => $"{kv.Key}={kv.Value}"), $"{ProcessSignaller.MarkerVariable}={run.RunId}"],
                User = SandboxContainerSpec.SandboxUser,
                WorkingDir = SandboxContainerSpec.WorkspacePath,
                Tty = run.Tty,
                AttachStdin = true,
            }, ct);
        }

        var masker = new SecretMasker(secrets.Values);
        var parser = AgentOutputParsers.Create(template?.Parser ?? AgentOutputParsers.Raw, run.SessionId, run.RunId, masker);
        var pump = new RunOutputPump(frames, run.SessionId, run.RunId, run.Tty, masker, secrets.Values.ToArray(), parser);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(work.TimeoutSeconds ?? template?.DefaultTimeoutSeconds ?? 600));
        using var onTimeout = timeout.Token.Register(() => run.RequestStop("timeout"));
        var stopping = run.StopRequested.ContinueWith(_ => stopper.StopAsync(run, ct), ct, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();

        using var watching = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var quotaWatch = quota.WatchAsync(run, watching.Token);
        IExecStream started;
        using (WorkerTelemetry.StartStep("exec start")?.SetTag("sandbox.exec.tty", run.Tty))
            started = await engine.StartExecAsync(run.ExecId, run.Tty, ct);
        await using (var stream = started)
        {
            var input = ForwardInputAsync(run, stream, ct);
            await pump.RunAsync(stream, ct);
            run.Input.Writer.TryComplete();
            await input;
        }
        if (pump.AgentSessionId is { } agentSessionId) await sessions.SetAgentSessionAsync(run.SessionId, agentSessionId);
        await watching.CancelAsync();
        await quotaWatch;

        var exitCode = await engine.WaitForExitCodeAsync(run.ExecId, ct);
        if (run.StopRequested.IsCompleted)
        {
            var signal = await stopping;
            return new ExitReport(exitCode >= 128 ? null : exitCode, exitCode >= 128 ? signal : null, run.StopRequested.Result);
        }
        if (exitCode == KilledBySigkill && await oomKills.StruckSinceLastCheckAsync(run.ContainerId, ct))
            return new ExitReport(null, "SIGKILL", "oom");
        return new ExitReport(exitCode, null, "exited");
    }

    /// <summary>
    /// The worker that ran this run died mid-run: whatever it left running in the sandbox is
    /// stopped, and the run ends with <c>worker-lost</c> (its exit code is unknowable).
    /// </summary>
    private async Task EndLostRunAsync(string sessionId, string runId, CancellationToken ct)
    {
        if (await sandboxes.FindContainerAsync(sessionId, ct) is { } containerId)
        {
            var orphan = new ActiveRun(sessionId, runId, containerId, tty: false);
            if (await signaller.SignalAsync(containerId, runId, "0", ct) is not 0) await stopper.StopAsync(orphan, ct);
        }
        await EndAsync(sessionId, runId, RunStates.Failed, new ExitReport(null, null, "worker-lost"));
    }

    /// <summary>
    /// Creates the run's exec; if the container stopped meanwhile (it was just put to sleep), it is
    /// started again first.
    /// </summary>
    private async Task<string> CreateExecAsync(string containerId, ExecDefinition request, CancellationToken ct)
    {
        try
        {
            return await engine.CreateExecAsync(containerId, request, ct);
        }
        catch (EngineConflictException)
        {
            await engine.StartContainerAsync(containerId, ct);
            return await engine.CreateExecAsync(containerId, request, ct);
        }
    }

    /// <summary>
    /// Background processes a run left behind would have no owner once the next run starts, so
    /// they end with it (before the next run of the session begins).
    /// </summary>
    private async Task ReapLeftoversAsync(ActiveRun run, CancellationToken ct)
    {
        if (await signaller.SignalAsync(run.ContainerId, run.RunId, "0", ct) is not 0) await stopper.StopAsync(run, ct);
    }

    private static async Task ForwardInputAsync(ActiveRun run, IExecStream stream, CancellationToken ct)
    {
        try
        {
            await foreach (var data in run.Input.Reader.ReadAllAsync(ct))
                await stream.WriteStdinAsync(System.Text.Encoding.UTF8.GetBytes(data), ct);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or ObjectDisposedException)
        {
            // The process has gone; input to it has nowhere to go.
        }
    }

    /// <summary>Ends the run with its one process-exit, unless another worker has already ended it.</summary>
    private async Task EndAsync(string sessionId, string runId, string runState, ExitReport report)
    {
        using var activity = WorkerTelemetry.StartStep("run end");
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("sandbox.run.exit_reason", report.Reason);
            if (report.ExitCode is { } code) activity.SetTag("process.exit.code", code);
            if (report.Signal is { } signal) activity.SetTag("sandbox.run.signal", signal);
            // The run's span ("run") carries its end too, for a search by exit code.
            activity.Parent?.SetTag("sandbox.run.exit_reason", report.Reason);
            if (report.ExitCode is { } exit) activity.Parent?.SetTag("process.exit.code", exit);
        }
        if (!await sessions.TryFinishRunAsync(runId, runState, report.ExitCode))
        {
            LogStaleRun(runId, sessionId);
            return;
        }
        frames.Publish(new ProcessExitFrame { Session = sessionId, Run = runId, ExitCode = report.ExitCode, Signal = report.Signal, Reason = report.Reason });
        metrics.RunFinished(report.Reason);
        await sessions.SetCurrentRunAsync(sessionId, null);
        await sessions.SetStatusAsync(sessionId, SessionStates.Ready);
        frames.Publish(new StatusFrame { Session = sessionId, State = SessionStates.Ready });
    }

    private sealed record ExitReport(int? ExitCode, string? Signal, string Reason);

    [LoggerMessage(21, LogLevel.Error, "Run {RunId} of session {SessionId} was already ended elsewhere (adopted after this worker's lease lapsed): this worker's handle is stale and reports nothing")]
    private partial void LogStaleRun(string runId, string sessionId);

    [LoggerMessage(20, LogLevel.Error, "Run {RunId} of session {SessionId} failed in the engine")]
    private partial void LogRunFailed(Exception exception, string sessionId, string runId);
}
