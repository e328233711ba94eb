using Aspire.Sandbox.Contracts.Frames;
using Aspire.Sandbox.Contracts.Security;
using Aspire.Sandbox.Contracts.Sessions;
using Aspire.Sandbox.Contracts.Templates;
using Aspire.Sandbox.Worker.Agents;
using Aspire.Sandbox.Contracts.Work;
using Aspire.Sandbox.Worker.Docker;
using Aspire.Sandbox.Worker.Publishing;
using Aspire.Sandbox.Worker.Sandboxes;

namespace Aspire.Sandbox.Worker.Runs;

/// <summary>
/// Runs one command in its session's sandbox with exec and streams its output as frames the
/// moment it is read. The exit code reported is the engine's (exec inspect), never invented.
/// </summary>
public sealed partial class RunExecutor(
    DockerEngineClient docker,
    SandboxManager sandboxes,
    FramePublisher frames,
    SessionStore sessions,
    TemplateCatalog templates,
    IServiceProvider services,
    ILogger<RunExecutor> logger)
{
    private static readonly TimeSpan ExitPollInterval = TimeSpan.FromMilliseconds(20);
    private const int ExitPollAttempts = 250;

    public async Task RunAsync(string sessionId, string runId, RunWork work, CancellationToken ct)
    {
        // At-least-once delivery: a run already taken (by us earlier, or another worker) is not run again.
        if (!await sessions.TryTransitionRunAsync(runId, RunStates.Queued, RunStates.Running)) return;

        if (await sandboxes.FindContainerAsync(sessionId, ct) is not { } containerId)
        {
            frames.Publish(new ErrorFrame { Session = sessionId, Run = runId, Code = "sandbox-missing", Message = "The session has no sandbox (it failed to start or was removed)." });
            await EndAsync(sessionId, runId, RunStates.Failed, exitCode: null, reason: "failed");
            return;
        }

        await sessions.SetStatusAsync(sessionId, SessionStates.Running);
        frames.Publish(new StatusFrame { Session = sessionId, State = SessionStates.Running });
        frames.Publish(new RunStartedFrame { Session = sessionId, Run = runId, Command = work.Command });

        var secrets = work.SealedSecrets is null
            ? new Dictionary<string, string>()
            : services.GetRequiredService<SecretSealer>().Unseal(work.SealedSecrets);
        try
        {
            var execId = await docker.CreateExecAsync(containerId, new ExecCreateRequest
            {
                Cmd = work.Command.ToList(),
                Env = work.Env.Concat(secrets).Select(kv => $"{kv.Key}={kv.Value}").ToList(),
                User = SandboxContainerSpec.SandboxUser,
                WorkingDir = SandboxContainerSpec.WorkspacePath,
            }, ct);
            var masker = new SecretMasker(secrets.Values);
            var parserName = templates.Find((await sessions.GetAsync(sessionId))?.Template)?.Parser ?? AgentOutputParsers.Raw;
            var parser = AgentOutputParsers.Create(parserName, sessionId, runId, masker);
            await using (var stream = await docker.StartExecAsync(execId, tty: false, ct))
                await StreamOutputAsync(stream, sessionId, runId, masker, parser, ct);
            foreach (var frame in parser?.Complete() ?? []) frames.Publish(frame);

            var exitCode = await WaitForExitCodeAsync(execId, ct);
            await EndAsync(sessionId, runId, RunStates.Exited, exitCode, "exited");
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The worker is stopping: say so instead of leaving the run without an end.
            await EndAsync(sessionId, runId, RunStates.Failed, exitCode: null, reason: "worker-lost");
            throw;
        }
        catch (DockerException e)
        {
            LogRunFailed(e, sessionId, runId);
            frames.Publish(new ErrorFrame { Session = sessionId, Run = runId, Code = "exec-failed", Message = e.Message });
            await EndAsync(sessionId, runId, RunStates.Failed, exitCode: null, reason: "failed");
        }
    }

    private async Task StreamOutputAsync(
        ExecStream stream, string sessionId, string runId, SecretMasker masker, IAgentOutputParser? parser, CancellationToken ct)
    {
        var stdout = new OutputDecoder();
        var stderr = new OutputDecoder();
        while (await stream.ReadAsync(ct) is { } chunk)
        {
            var isError = chunk.Kind == StreamKind.Stderr;
            foreach (var piece in (isError ? stderr : stdout).Decode(chunk.Data))
            {
                if (piece.Data.Length == 0) continue;
                if (parser is not null && !isError && piece.Encoding is null)
                {
                    foreach (var frame in parser.Feed(piece.Data)) frames.Publish(frame);
                    continue;
                }
                var data = piece.Encoding is null ? masker.Apply(piece.Data) : piece.Data;
                frames.Publish(isError
                    ? new StderrFrame { Session = sessionId, Run = runId, Data = data, Encoding = piece.Encoding }
                    : new StdoutFrame { Session = sessionId, Run = runId, Data = data, Encoding = piece.Encoding });
            }
        }
    }

    /// <summary>The stream closes as the process ends; the engine records the code a moment later.</summary>
    private async Task<int?> WaitForExitCodeAsync(string execId, CancellationToken ct)
    {
        for (var attempt = 0; attempt < ExitPollAttempts; attempt++)
        {
            var inspect = await docker.InspectExecAsync(execId, ct);
            if (!inspect.Running) return inspect.ExitCode;
            await Task.Delay(ExitPollInterval, ct);
        }
        return null;
    }

    private async Task EndAsync(string sessionId, string runId, string runState, int? exitCode, string reason)
    {
        frames.Publish(new ProcessExitFrame { Session = sessionId, Run = runId, ExitCode = exitCode, Reason = reason });
        await sessions.FinishRunAsync(runId, runState, exitCode);
        await sessions.SetStatusAsync(sessionId, SessionStates.Ready);
        frames.Publish(new StatusFrame { Session = sessionId, State = SessionStates.Ready });
    }

    [LoggerMessage(20, LogLevel.Error, "Run {RunId} of session {SessionId} failed in the engine")]
    private partial void LogRunFailed(Exception exception, string sessionId, string runId);
}
