using System.ComponentModel;
using System.Diagnostics;

namespace Aspire.Hosting.Orchestration;

/// <summary>
/// Keeps one replica running: waits for its dependencies, starts the process, probes its health, and
/// restarts it with backoff when it exits on its own — but only once it has proved it can start: a first
/// start that never becomes healthy is FailedToStart (restarting would just repeat the error).
/// </summary>
internal sealed partial class ReplicaSupervisor(ResourceReplica replica, ResourceRunner runner, OrchestratorContext context)
{
    private const int MaxConsecutiveFailures = 5;
    private static readonly TimeSpan StopGracePeriod = TimeSpan.FromSeconds(10);
    // An exit after this long up (and healthy) is a crash, not a crash loop: the backoff starts over.
    private static readonly TimeSpan StableUptime = TimeSpan.FromSeconds(10);
    // A child that got the same Ctrl+C as the AppHost may exit a moment before the AppHost starts stopping.
    private static readonly TimeSpan ShutdownSignalSkew = TimeSpan.FromMilliseconds(250);

    private ChildProcess? _current;

    public async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            Update(r => r.State = KnownResourceStates.Waiting);
            await runner.WaitForDependenciesAsync(stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            Update(r => r.State = KnownResourceStates.NotStarted);
            return;
        }
        catch (DependencyFailedException ex)
        {
            FailToStart(ex.Message);
            return;
        }

        var consecutiveFailures = 0;
        while (true)
        {
            var attempt = await RunOnceAsync(stopping).ConfigureAwait(false);
            if (attempt.Stopped)
            {
                return;
            }

            if (await IsShuttingDownAsync().ConfigureAwait(false))
            {
                Ended(KnownResourceStates.Finished, attempt.ExitCode, message: null);
                return;
            }

            if (!replica.EverHealthy)
            {
                FailToStart(attempt.Reason, attempt.ExitCode);
                return;
            }

            Note($"{replica.Name} {attempt.Reason}");

            consecutiveFailures = attempt.Stable ? 0 : consecutiveFailures + 1;
            if (consecutiveFailures > MaxConsecutiveFailures)
            {
                Ended(KnownResourceStates.Exited, attempt.ExitCode, $"{attempt.Reason}; gave up after {MaxConsecutiveFailures} failed restarts");
                return;
            }

            var delay = TimeSpan.FromSeconds(Math.Min(0.5 * Math.Pow(2, consecutiveFailures), 15));
            Ended(KnownResourceStates.Exited, attempt.ExitCode, $"{attempt.Reason}; restarting in {delay.TotalSeconds:0.#} s");
            try
            {
                await Task.Delay(delay, context.ShuttingDown).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            Update(r => r.Restarts++);
        }
    }

    public void Kill() => _current?.Kill();

    private async Task<bool> IsShuttingDownAsync()
    {
        try
        {
            await Task.Delay(ShutdownSignalSkew, context.ShuttingDown).ConfigureAwait(false);
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    private async Task<Attempt> RunOnceAsync(CancellationToken stopping)
    {
        Update(r => (r.State, r.Health, r.Pid, r.ExitCode, r.Message) = (KnownResourceStates.Starting, ResourceHealthStatus.Unknown, null, null, null));
        ProcessLaunch? launch = null;
        try
        {
            launch = ProcessLaunchFactory.Create(replica, context);
            var environment = EnvironmentEvaluator.Evaluate(replica.Resource, replica.Index, replica.InstanceId, context.Settings);
            _current = ChildProcess.Start(launch, environment, OnOutput);
        }
        catch (Exception ex) when (ex is Win32Exception or IOException or InvalidOperationException)
        {
            launch?.Cleanup?.Invoke();
            var failure = ex is Win32Exception ? $"cannot run '{launch?.FileName}': {ex.Message}" : ex.Message;
            return new Attempt(Stopped: false, Stable: false, failure, ExitCode: null);
        }

        var process = _current;
        Update(r => (r.State, r.Pid) = (KnownResourceStates.Running, process.Pid));
        var uptime = Stopwatch.StartNew();
        using var attemptEnded = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var monitoring = MonitorHealthAsync(attemptEnded.Token);

        int exitCode;
        var stopped = false;
        try
        {
            exitCode = await process.WaitForExitAsync(stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            stopped = true;
            Update(r => r.State = KnownResourceStates.Stopping);
            exitCode = await process.StopAsync(StopGracePeriod).ConfigureAwait(false);
        }

        await attemptEnded.CancelAsync().ConfigureAwait(false);
        await monitoring.ConfigureAwait(false);
        process.Dispose();
        launch.Cleanup?.Invoke();

        if (stopped)
        {
            Ended(KnownResourceStates.Finished, exitCode, message: null);
        }

        // Otherwise the caller decides what the exit means (shutdown, failed start, restart) and says so once.
        var reason = $"exited with code {exitCode} after {uptime.Elapsed.TotalSeconds:0.0} s";
        return new Attempt(stopped, Stable: uptime.Elapsed >= StableUptime, reason, exitCode);
    }

    private void FailToStart(string reason, int? exitCode = null)
    {
        Note($"{replica.Name} failed to start: {reason}");
        Ended(KnownResourceStates.FailedToStart, exitCode, reason);
        runner.ReplicaFailedToStart(replica, reason);
    }

    private void OnOutput(string line, bool isError)
    {
        runner.Logs.Add(replica.Name, isError, line);
        context.Console?.WriteChildLine(replica.Name, line);
    }

    /// <summary>Our own remarks go into the resource's log too, so they show up next to its output.</summary>
    private void Note(string text) => runner.Logs.Add("apphost", isError: true, text);

    private void Ended(string state, int? exitCode, string? message) =>
        Update(r => (r.State, r.Health, r.Pid, r.ExitCode, r.Message) = (state, ResourceHealthStatus.Unknown, null, exitCode, message));

    private void Update(Action<ResourceReplica> change) => context.Notifications.Update(replica, change);

    private readonly record struct Attempt(bool Stopped, bool Stable, string Reason, int? ExitCode);
}
