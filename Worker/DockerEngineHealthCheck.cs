using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Aspire.Sandbox.Worker;

/// <summary>
/// Ready only when the Docker engine answers: a worker without one cannot run sandboxes. Reads the
/// <see cref="EngineMonitor"/>'s last check rather than asking the engine again on every probe.
/// </summary>
public sealed class DockerEngineHealthCheck(EngineMonitor engine) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(engine.Answers
            ? HealthCheckResult.Healthy("The Docker engine answers.")
            : HealthCheckResult.Unhealthy("The Docker engine does not answer (or has not been asked yet)."));
}
