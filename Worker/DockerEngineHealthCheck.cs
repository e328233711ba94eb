using Aspire.Sandbox.Worker.Docker;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Aspire.Sandbox.Worker;

/// <summary>Ready only when the Docker engine answers: a worker without one cannot run sandboxes.</summary>
public sealed class DockerEngineHealthCheck(DockerEngineClient docker) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var version = await docker.GetVersionAsync(cancellationToken);
            return HealthCheckResult.Healthy($"Docker engine {version.Version} (API {version.ApiVersion})");
        }
        catch (DockerException e)
        {
            return HealthCheckResult.Unhealthy("The Docker engine does not answer.", e);
        }
    }
}
