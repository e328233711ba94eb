using System.Globalization;
using Aspire.Sandbox.Contracts.Frames;
using Aspire.Sandbox.Worker.Engine;
using Aspire.Sandbox.Worker.Publishing;
using Aspire.Sandbox.Worker.Sandboxes;
using Microsoft.Extensions.Options;

namespace Aspire.Sandbox.Worker.Runs;

/// <summary>
/// The workspace is a Docker volume, which the engine cannot size-limit on this storage driver;
/// so while a run executes its usage is measured every few seconds, and a run that takes the
/// workspace past the limit is stopped with a clear <c>workspace-full</c> error. A soft limit:
/// a fast writer can overshoot by what it writes in one interval.
/// </summary>
public sealed partial class WorkspaceQuotaWatch(
    SandboxCommand command, FramePublisher frames, IOptions<WorkerOptions> options, ILogger<WorkspaceQuotaWatch> logger)
{
    public async Task WatchAsync(ActiveRun run, CancellationToken ct)
    {
        var limit = options.Value.WorkspaceLimitBytes;
        if (limit <= 0) return;
        try
        {
            while (!run.StopRequested.IsCompleted)
            {
                await Task.Delay(options.Value.WorkspaceCheckInterval, ct);
                var result = await command.RunAsync(run.ContainerId, ["du", "-sxb", SandboxContainerSpec.WorkspacePath], ct);
                var used = long.TryParse(result.Output.Split('\t')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) ? bytes : 0;
                if (used <= limit) continue;
                frames.Publish(new ErrorFrame
                {
                    Session = run.SessionId, Run = run.RunId, Code = "workspace-full",
                    Message = string.Create(CultureInfo.InvariantCulture, $"The workspace holds {used / 1048576} MiB, over its {limit / 1048576} MiB limit: the run was stopped. Delete files to continue."),
                });
                LogOverLimit(run.SessionId, used);
                run.RequestStop("stopped");
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SandboxEngineException)
        {
            // The run ended (or the engine went away): nothing left to watch.
        }
    }

    [LoggerMessage(80, LogLevel.Warning, "Workspace of session {SessionId} holds {Bytes} bytes, over its limit: stopping the run")]
    private partial void LogOverLimit(string sessionId, long bytes);
}
