using System.Collections.Concurrent;
using System.Diagnostics;
using Aspire.Sandbox.Contracts.Frames;
using Aspire.Sandbox.Contracts.Previews;
using Aspire.Sandbox.Contracts.Sessions;
using Aspire.Sandbox.Contracts.Templates;
using Aspire.Sandbox.Contracts.Work;
using Aspire.Sandbox.Worker.Engine;
using Aspire.Sandbox.Worker.Previews;
using Aspire.Sandbox.Worker.Publishing;
using Aspire.Sandbox.Worker.Queue;
using Microsoft.Extensions.Options;

namespace Aspire.Sandbox.Worker.Sandboxes;

/// <summary>Creates, finds and removes the one container of each session, reporting each step as frames.</summary>
public sealed partial class SandboxManager(
    ISandboxEngine engine,
    FramePublisher frames,
    SessionStore sessions,
    TemplateCatalog templates,
    StartupSteps startupSteps,
    SessionContainers containers,
    WorkerMetrics metrics,
    PreviewRelay previewRelay,
    PortExposer ports,
    PreviewStore previews,
    WorkLease lease,
    IOptions<WorkerOptions> options,
    IOptions<EgressOptions> egress,
    ILogger<SandboxManager> logger)
{
    /// <summary>One wake at a time per session: a run and a preview request may both find the sandbox asleep.</summary>
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _waking = new(StringComparer.Ordinal);

    /// <summary>The sandbox-start outcomes besides the failure codes of <see cref="SetUpAsync"/>.</summary>
    private const string Ready = "ready", EngineUnavailable = "engine-unavailable", Canceled = "canceled", Failed = "failed";

    /// <summary>
    /// Creates and starts the session's sandbox. <paramref name="replaceLeftover"/>: an earlier attempt may have
    /// left a container behind (the engine went away mid-way, or the worker died); it is removed first.
    /// Each attempt's time to ready (or failure) goes to the sandbox start histogram, tagged with its outcome.
    /// </summary>
    /// <exception cref="EngineUnavailableException">The engine went away: the session is left as it was, for a retry.</exception>
    public async Task CreateAsync(string sessionId, CreateSessionWork work, bool replaceLeftover, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        // What is left if even reporting the failure failed (Redis away).
        string? outcome = Failed;
        try
        {
            outcome = await SetUpAsync(sessionId, work, replaceLeftover, ct);
        }
        catch (EngineUnavailableException)
        {
            outcome = EngineUnavailable;
            throw;
        }
        catch (OperationCanceledException)
        {
            outcome = Canceled;
            throw;
        }
        finally
        {
            if (outcome is not null) metrics.SandboxStartEnded(outcome, Stopwatch.GetElapsedTime(started));
            // The work item's span ("create sandbox") says how it ended.
            if (Activity.Current is { IsAllDataRequested: true } activity && outcome is not null)
            {
                activity.SetTag("sandbox.start.outcome", outcome);
                if (outcome != Ready) activity.SetStatus(ActivityStatusCode.Error, outcome);
            }
        }
    }

    /// <returns><c>ready</c>, the failure's code, or null when the session needed no sandbox any more.</returns>
    private async Task<string?> SetUpAsync(string sessionId, CreateSessionWork work, bool replaceLeftover, CancellationToken ct)
    {
        var o = options.Value;
        try
        {
            if (replaceLeftover)
            {
                // A retry may come after the session was deleted: it needs no sandbox any more.
                if (await sessions.GetAsync(sessionId) is not { } session || SessionStates.HasEnded(session.Status)) return null;
                if (await FindContainerAsync(sessionId, ct) is { } leftover) await RemoveAsync(sessionId, leftover, ct);
            }
            Progress(sessionId, "creating_sandbox", $"Creating the sandbox ({SandboxContainerSpec.Describe(o)})");
            WorkerTelemetry.TraceFirstFramesPublished(frames);
            using (var check = WorkerTelemetry.StartStep("image check"))
            {
                var present = await engine.ImageExistsAsync(o.Image, ct);
                check?.SetTag("sandbox.image.present", present);
                if (!present)
                    return await FailAsync(sessionId, "image-missing", $"The sandbox image '{o.Image}' is not built. Run scripts/start.sh, which builds it.");
            }
            var template = templates.Find(work.Template);
            string? network = null;
            if (template?.Network == TemplateDefinition.NetworkEgress)
            {
                if (egress.Value.Problem() is { } problem) return await FailAsync(sessionId, "egress-unavailable", problem);
                network = egress.Value.EgressNetwork;
            }
            // Previews need the relay's socket directory, made before the container that mounts it.
            var previewDirectory = ports.Enabled ? previewRelay.PrepareDirectory(sessionId) : null;
            var spec = SandboxContainerSpec.For(sessionId, o.Image, o, previewDirectory, network);
            string id;
            using (var create = WorkerTelemetry.StartStep("container create"))
            {
                id = await engine.CreateContainerAsync(spec, ct);
                create?.SetTag("container.id", id[..Math.Min(12, id.Length)]);
            }
            containers.Set(sessionId, id);
            if (ports.Enabled) await previews.SetHostAsync(sessionId, lease.Consumer);
            using (WorkerTelemetry.StartStep("container start")?.SetTag("container.id", id[..Math.Min(12, id.Length)]))
                await engine.StartContainerAsync(id, ct);
            LogCreated(sessionId, id[..12]);

            if (work.Files.Count > 0)
            {
                Progress(sessionId, "writing_files", $"Writing {work.Files.Count} file(s) to {SandboxContainerSpec.WorkspacePath}");
                using var upload = WorkerTelemetry.StartStep("file upload")?.SetTag("sandbox.files.count", work.Files.Count);
                using var archive = WorkspaceArchive.Create(work.Files);
                await engine.UploadArchiveAsync(id, SandboxContainerSpec.WorkspacePath, archive, ct);
            }

            if (template?.Startup is { } startup
                && await RunStartupStepsAsync(sessionId, id, startup, ct) is { } failure)
            {
                if (failure.Output.Length > 0) frames.Publish(new StderrFrame { Session = sessionId, Data = failure.Tail });
                return await FailAsync(sessionId, "step-failed", $"{failure.Step}: {failure.Reason}");
            }
            var links = template?.Startup.Expose is { Count: > 0 } expose ? await ports.ExposeAsync(sessionId, id, expose, ct) : [];

            await sessions.SetStatusAsync(sessionId, SessionStates.Ready);
            frames.Publish(new ReadyFrame { Session = sessionId, PreviewUrl = links.FirstOrDefault()?.Url, Previews = links.Count > 0 ? links : null });
            frames.Publish(new StatusFrame { Session = sessionId, State = SessionStates.Ready });
            return Ready;
        }
        catch (Exception e) when (e is not (OperationCanceledException or EngineUnavailableException))
        {
            LogCreateFailed(e, sessionId);
            return await FailAsync(sessionId, "sandbox-create-failed", e is SandboxEngineException ? e.Message : "The sandbox could not be set up.");
        }
    }

    private async Task<StepFailure?> RunStartupStepsAsync(string sessionId, string containerId, TemplateStartup startup, CancellationToken ct)
    {
        using var activity = WorkerTelemetry.StartStep("startup steps");
        var failure = await startupSteps.RunAsync(sessionId, containerId, startup, ct);
        if (failure is not null) activity?.SetStatus(ActivityStatusCode.Error, "step-failed");
        return failure;
    }

    /// <summary>The session's container id: known from this process, or found by its label after a restart.</summary>
    public async Task<string?> FindContainerAsync(string sessionId, CancellationToken ct)
    {
        if (containers.TryGet(sessionId, out var known)) return known;
        var found = await engine.ListContainersAsync(new Dictionary<string, string> { [SandboxLabels.Session] = sessionId }, ct);
        if (found.Count == 0) return null;
        containers.Set(sessionId, found[0].Id);
        // Found after a restart, or adopted from a dead worker: its previews go through this worker now.
        if (ports.Enabled) await previews.SetHostAsync(sessionId, lease.Consumer);
        return found[0].Id;
    }

    /// <summary>Starts a sleeping sandbox again, with its template's server (a no-op for a running one).</summary>
    public Task WakeAsync(string sessionId, string containerId, CancellationToken ct) => WakeIfStoppedAsync(sessionId, containerId, null, ct);

    /// <summary>
    /// For a preview request: wakes the sandbox if it sleeps (the session becomes ready again, and says so in its frames),
    /// so the request that found it asleep waits for it rather than failing.
    /// </summary>
    public Task EnsureAwakeAsync(string sessionId, string containerId, CancellationToken ct) =>
        WakeIfStoppedAsync(sessionId, containerId, "Waking the sandbox for a preview request", ct);

    private async Task WakeIfStoppedAsync(string sessionId, string containerId, string? announce, CancellationToken ct)
    {
        var gate = _waking.GetOrAdd(sessionId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            var found = await engine.ListContainersAsync(new Dictionary<string, string> { [SandboxLabels.Session] = sessionId }, ct);
            if (found.Count > 0 && found[0].State == "running") return;
            if (announce is not null) Progress(sessionId, "starting_server", announce);
            await engine.StartContainerAsync(containerId, ct);
            LogWoken(sessionId);
            if (announce is not null && await sessions.TryTransitionStatusAsync(sessionId, SessionStates.Sleeping, SessionStates.Ready))
                frames.Publish(new StatusFrame { Session = sessionId, State = SessionStates.Ready });
            // Woken is active: the janitor must not put it back to sleep while its server starts again.
            await sessions.TouchAsync(sessionId);
            await ResumeServerAsync(sessionId, containerId, ct);
            await sessions.TouchAsync(sessionId);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Sleep stopped every process: the template's server starts again (not its setup: the files are kept).</summary>
    private async Task ResumeServerAsync(string sessionId, string containerId, CancellationToken ct)
    {
        var session = await sessions.GetAsync(sessionId);
        if (templates.Find(session?.Template)?.Startup is not { ServerCommand: not null } startup) return;
        var again = new TemplateStartup
        {
            ServerCommand = startup.ServerCommand, ReadyPort = startup.ReadyPort, ReadyCommand = startup.ReadyCommand,
            ReadyTimeoutSeconds = startup.ReadyTimeoutSeconds,
        };
        if (await startupSteps.RunAsync(sessionId, containerId, again, ct) is { } failure)
            frames.Publish(new ErrorFrame { Session = sessionId, Code = "server-restart-failed", Message = $"{failure.Step}: {failure.Reason}" });
    }

    /// <summary>Restarts a sandbox's container: every process ends, the workspace volume stays.</summary>
    public async Task RestartAsync(string sessionId, string containerId, CancellationToken ct)
    {
        await engine.StopContainerAsync(containerId, TimeSpan.FromSeconds(1), ct);
        await engine.StartContainerAsync(containerId, ct);
        LogRestarted(sessionId, containerId[..Math.Min(12, containerId.Length)]);
    }

    public async Task DeleteAsync(string sessionId, CancellationToken ct)
    {
        try
        {
            if (await FindContainerAsync(sessionId, ct) is { } id) await RemoveAsync(sessionId, id, ct);
        }
        catch (SandboxEngineException e)
        {
            // The janitor may be removing it at the same moment; it finishes the job. The session ends either way.
            LogRemoveFailed(e, sessionId);
        }
        frames.Publish(new SessionEndedFrame { Session = sessionId, Reason = "deleted" });
    }

    /// <summary>Removes every container of this app instance (the worker's shutdown in local development); returns their sessions.</summary>
    public async Task<IReadOnlyList<string>> RemoveAllAsync(CancellationToken ct)
    {
        var mine = await engine.ListContainersAsync(new Dictionary<string, string> { [SandboxLabels.App] = options.Value.AppInstance }, ct);
        var sessionIds = mine.Select(c => c.Labels.TryGetValue(SandboxLabels.Session, out var s) ? s : "").ToArray();
        await Task.WhenAll(mine.Select((c, i) => RemoveAsync(sessionIds[i], c.Id, ct)));
        return [.. sessionIds.Where(id => id.Length > 0)];
    }

    public async Task RemoveAsync(string sessionId, string containerId, CancellationToken ct)
    {
        await engine.RemoveContainerAsync(containerId, ct);
        if (sessionId.Length > 0)
        {
            await engine.RemoveVolumeAsync(SandboxContainerSpec.VolumeName(sessionId), ct);
            previewRelay.RemoveDirectory(sessionId);
            if (_waking.TryRemove(sessionId, out var gate)) gate.Dispose();
        }
        containers.Remove(sessionId);
        LogRemoved(sessionId, containerId[..Math.Min(12, containerId.Length)]);
    }

    private void Progress(string sessionId, string step, string message) =>
        frames.Publish(new ProgressFrame { Session = sessionId, Step = step, Message = message });

    /// <returns><paramref name="code"/>, the attempt's outcome.</returns>
    private async Task<string> FailAsync(string sessionId, string code, string message)
    {
        await sessions.SetStatusAsync(sessionId, SessionStates.Failed);
        frames.Publish(new ErrorFrame { Session = sessionId, Code = code, Message = message });
        frames.Publish(new StatusFrame { Session = sessionId, State = SessionStates.Failed });
        return code;
    }

    [LoggerMessage(10, LogLevel.Information, "Sandbox of session {SessionId} started as container {ContainerId}")]
    private partial void LogCreated(string sessionId, string containerId);

    [LoggerMessage(11, LogLevel.Error, "Creating the sandbox of session {SessionId} failed")]
    private partial void LogCreateFailed(Exception exception, string sessionId);

    [LoggerMessage(14, LogLevel.Information, "Sandbox of session {SessionId} woken up")]
    private partial void LogWoken(string sessionId);

    [LoggerMessage(15, LogLevel.Warning, "Removing the sandbox of deleted session {SessionId} failed; the janitor will retry")]
    private partial void LogRemoveFailed(Exception exception, string sessionId);

    [LoggerMessage(13, LogLevel.Warning, "Sandbox of session {SessionId} restarted (container {ContainerId})")]
    private partial void LogRestarted(string sessionId, string containerId);

    [LoggerMessage(12, LogLevel.Information, "Sandbox of session {SessionId} removed (container {ContainerId})")]
    private partial void LogRemoved(string sessionId, string containerId);
}
