using Microsoft.Extensions.Options;

namespace Aspire.Sandbox.Worker.Runs;

/// <summary>
/// Stops every process of a run: SIGTERM, a grace period for a clean exit, SIGKILL for what is
/// left, then a check that nothing of the run survived.
/// </summary>
public sealed partial class RunStopper(ProcessSignaller signaller, IOptions<WorkerOptions> options, ILogger<RunStopper> logger)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Returns the last signal that was needed (<c>SIGTERM</c> or <c>SIGKILL</c>).</summary>
    public async Task<string> StopAsync(ActiveRun run, CancellationToken ct)
    {
        await signaller.SignalAsync(run.ContainerId, run.RunId, "TERM", ct);
        var deadline = DateTime.UtcNow + options.Value.StopGracePeriod;
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(PollInterval, ct);
            if (await signaller.SignalAsync(run.ContainerId, run.RunId, "0", ct) == 0) return "SIGTERM";
        }
        await signaller.SignalAsync(run.ContainerId, run.RunId, "KILL", ct);
        for (var attempt = 0; attempt < 20; attempt++)
        {
            if (await signaller.SignalAsync(run.ContainerId, run.RunId, "0", ct) == 0) return "SIGKILL";
            await Task.Delay(PollInterval, ct);
        }
        LogSurvivors(run.RunId, run.SessionId);
        return "SIGKILL";
    }

    [LoggerMessage(50, LogLevel.Error, "Processes of run {RunId} (session {SessionId}) survived SIGKILL")]
    private partial void LogSurvivors(string runId, string sessionId);
}
