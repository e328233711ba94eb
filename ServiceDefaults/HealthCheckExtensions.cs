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
    /// <c>/health</c> runs every check (ready: dependencies reachable; the AppHost's <c>WaitFor</c> polls it);
    /// <c>/alive</c> only those tagged <c>live</c>.
    /// </summary>
    /// <remarks>
    /// Unlike the template these are mapped in every environment: deployments probe them too, and the answer is only
    /// the overall status (no check names, no exception text).
    /// </remarks>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        app.MapHealthChecks(ServiceDefaultsNames.HealthEndpointPath);
        app.MapHealthChecks(ServiceDefaultsNames.AlivenessEndpointPath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ServiceDefaultsNames.LiveTag),
        });
        return app;
    }
}
