using System.Diagnostics;

namespace Aspire.Hosting.Orchestration;

internal sealed partial class ReplicaSupervisor
{
    // Probe often while starting (start-up time is what a developer waits for), then settle down.
    private static readonly TimeSpan StartingProbeInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan RunningProbeInterval = TimeSpan.FromSeconds(5);
    // Until then a failing probe means "still starting" rather than "unhealthy".
    private static readonly TimeSpan StartupGrace = TimeSpan.FromSeconds(30);

    private async Task MonitorHealthAsync(CancellationToken cancellationToken)
    {
        var probe = HealthProbeFactory.Create(replica);
        var sinceStart = Stopwatch.StartNew();
        var healthyThisAttempt = false;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var healthy = await probe.IsHealthyAsync(cancellationToken).ConfigureAwait(false);
                var status = healthy ? ResourceHealthStatus.Healthy
                    : healthyThisAttempt || sinceStart.Elapsed > StartupGrace ? ResourceHealthStatus.Unhealthy
                    : ResourceHealthStatus.Unknown;
                Update(r => r.Health = status);
                if (healthy && !healthyThisAttempt)
                {
                    healthyThisAttempt = true;
                    Update(r => r.EverHealthy = true);
                    runner.ReplicaBecameHealthy();
                }

                await Task.Delay(healthyThisAttempt ? RunningProbeInterval : StartingProbeInterval, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The attempt ended.
        }
    }
}
