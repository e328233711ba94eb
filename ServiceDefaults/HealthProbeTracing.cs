using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Keeps <c>/health</c>, <c>/alive</c> and <c>/metrics</c> out of the traces: the AppHost, load balancers and
/// scrapers poll them every few seconds and they would drown the useful spans. The template does this with the ASP.NET Core
/// instrumentation's Filter; that package is not available, so the request's own span is marked not recorded
/// (exporters skip it, and children such as the Redis PING inherit the decision).
/// </summary>
internal static class HealthProbeTracing
{
    public static IApplicationBuilder UseHealthProbeTraceFilter(this IApplicationBuilder app) =>
        app.Use(static (context, next) =>
        {
            if (IsProbe(context.Request.Path) && Activity.Current is { } activity)
            {
                activity.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
                activity.IsAllDataRequested = false;
            }

            return next(context);
        });

    public static bool IsProbe(PathString path) =>
        path.StartsWithSegments(ServiceDefaultsNames.HealthEndpointPath)
        || path.StartsWithSegments(ServiceDefaultsNames.AlivenessEndpointPath)
        || path.StartsWithSegments(ServiceDefaultsNames.MetricsEndpointPath);
}
