using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

public static class OpenTelemetryExtensions
{
    /// <summary>
    /// Traces, metrics and logs through OpenTelemetry, exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set
    /// (the AppHost points it at the Aspire dashboard). Our own sources and meters are all named <c>Aspire.Sandbox.*</c>.
    /// </summary>
    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("Microsoft.AspNetCore.Http.Connections", ServiceDefaultsNames.SandboxTelemetryWildcard))
            .WithTracing(tracing => tracing
                // First, so it runs before the OTLP exporter's processor: Redis commands outside any trace are not exported.
                .AddProcessor(new RootRedisSpanFilter())
                .AddSource(builder.Environment.ApplicationName, ServiceDefaultsNames.SandboxTelemetryWildcard)
                .AddSource("Microsoft.AspNetCore.SignalR.Server")
                // Probes every few seconds would drown the spans that matter.
                .AddAspNetCoreInstrumentation(options =>
                {
                    options.Filter = context => !IsProbe(context.Request.Path);
                    // The browser's hub client carries its session token in the query (WebSockets take no headers).
                    options.EnrichWithHttpRequest = (activity, request) =>
                    {
                        if (request.QueryString.HasValue) activity.SetTag("url.query", RedactedQuery(request.Query));
                    };
                })
                .AddHttpClientInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration[ServiceDefaultsNames.OtlpEndpointVariable]))
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        return builder;
    }

    /// <summary>The query's names with every value replaced: which parameters came is useful, their values may be secrets.</summary>
    private static string RedactedQuery(IQueryCollection query) =>
        string.Join('&', query.Keys.Select(name => Uri.EscapeDataString(name) + "=Redacted"));

    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments(ServiceDefaultsNames.HealthEndpointPath) || path.StartsWithSegments(ServiceDefaultsNames.AlivenessEndpointPath);
}
