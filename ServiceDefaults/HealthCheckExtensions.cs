using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.Hosting;

public static class HealthCheckExtensions
{
    /// <summary>A <c>self</c> check tagged <c>live</c>: answering at all means the process is alive.</summary>
    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.Services.AddHealthChecks()
            .AddCheck(ServiceDefaultsNames.SelfCheckName, () => HealthCheckResult.Healthy(), [ServiceDefaultsNames.LiveTag]);
        return builder;
    }

    /// <summary>
    /// <c>/health</c> runs every check (ready: dependencies reachable); <c>/alive</c> only those tagged
    /// <c>live</c>. The AppHost's <c>WaitFor</c> polls <c>/health</c>. <c>/metrics</c> is the Prometheus text
    /// of the service's meters, which the AppHost dashboard scrapes.
    /// </summary>
    /// <remarks>
    /// Unlike the template these are mapped in every environment: deployments probe them too, and the
    /// answer is only the overall status (no check names, no exception text). <c>/metrics</c> is exposed
    /// like them: services bind 127.0.0.1, and it holds counts and timings, never session content.
    /// </remarks>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        app.UseHealthProbeTraceFilter();
        app.MapHealthChecks(ServiceDefaultsNames.HealthEndpointPath);
        app.MapHealthChecks(ServiceDefaultsNames.AlivenessEndpointPath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ServiceDefaultsNames.LiveTag),
        });
        app.MapPrometheusScrapingEndpoint(ServiceDefaultsNames.MetricsEndpointPath);
        return app;
    }
}
