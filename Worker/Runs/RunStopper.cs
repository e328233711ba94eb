using Aspire.Sandbox.Contracts.Frames;
using Aspire.Sandbox.Worker.Publishing;
using Aspire.Sandbox.Worker.Sandboxes;
using Microsoft.Extensions.Options;

namespace Aspire.Sandbox.Worker.Runs;

/// <summary>
/// Stops every process of a run: SIGTERM, a grace period for a clean exit, SIGKILL for what is
/// left, then a check that nothing of the run survived. When the check cannot succeed (a fork
/// bomb holding every pid), the sandbox is restarted: files are kept, no process survives.
/// </summary>
public sealed partial class RunStopper(
    ProcessSignaller signaller, SandboxManager sandboxes, FramePublisher frames, IOptions<WorkerOptions> options, ILogger<RunStopper> logger)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan KillPhase = TimeSpan.FromSeconds(3);

    /// <summary>Returns the last signal that was needed (<c>SIGTERM</c> or <c>SIGKILL</c>).</summary>
    public async Task<string> StopAsync(ActiveRun run, CancellationToken ct)
    {
        if (await signaller.SignalAsync(run.ContainerId, run.RunId, "TERM", ct) is not null)
        {
            if (await WaitUntilGoneAsync(run, options.Value.StopGracePeriod, ct)) return "SIGTERM";
            var killDeadline = DateTime.UtcNow + KillPhase;
            while (DateTime.UtcNow < killDeadline && await signaller.SignalAsync(run.ContainerId, run.RunId, "KILL", ct) is not null)
                if (await WaitUntilGoneAsync(run, PollInterval, ct)) return "SIGKILL";
        }
        // The sandbox cannot even run the check (a fork bomb holds every pid) or processes keep coming.
        LogRestarting(run.RunId, run.SessionId);
        frames.Publish(new ErrorFrame
        {
            Session = run.SessionId, Run = run.RunId, Code = "sandbox-restarted",
            Message = "The run's processes could not all be stopped (no free pids?), so the sandbox was restarted. Files in the workspace are kept.",
        });
        await sandboxes.RestartAsync(run.SessionId, run.ContainerId, ct);
        return "SIGKILL";
    }

    /// <summary>True once two counts in a row find no process of the run (one could miss a process mid-fork).</summary>
    private async Task<bool> WaitUntilGoneAsync(ActiveRun run, TimeSpan within, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + within;
        var zeros = 0;
        do
        {
            await Task.Delay(PollInterval, ct);
            var count = await signaller.SignalAsync(run.ContainerId, run.RunId, "0", ct);
            if (count is null) return false;
            zeros = count == 0 ? zeros + 1 : 0;
            if (zeros == 2) return true;
        } while (DateTime.UtcNow < deadline || zeros == 1);
        return false;
    }

    [LoggerMessage(50, LogLevel.Warning, "Processes of run {RunId} (session {SessionId}) survived SIGKILL; restarting the sandbox")]
    private partial void LogRestarting(string runId, string sessionId);
}
