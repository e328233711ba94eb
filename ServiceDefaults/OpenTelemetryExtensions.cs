using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

public static class OpenTelemetryExtensions
{
    /// <summary>
    /// Traces, metrics and logs through OpenTelemetry; exported over OTLP only when
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the AppHost sets it when it has a collector). Metrics are
    /// also always readable as Prometheus text at <c>/metrics</c> (see <c>MapDefaultEndpoints</c>).
    /// </summary>
    /// <remarks>
    /// OpenTelemetry.Extensions.Hosting is not available here, so the tracer and meter providers are built with
    /// <see cref="Sdk"/> and owned by the container (disposed, hence flushed, when the host is disposed).
    /// The SDK reads the other <c>OTEL_*</c> variables (service name, resource attributes, protocol) itself.
    /// </remarks>
    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        var useOtlp = !string.IsNullOrWhiteSpace(builder.Configuration[ServiceDefaultsNames.OtlpEndpointVariable]);
        var configureResource = ResourceConfigurator(builder);

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });
        builder.Services.ConfigureOpenTelemetryLoggerProvider(logging =>
        {
            logging.ConfigureResource(configureResource);
            if (useOtlp)
            {
                logging.AddOtlpExporter();
            }
        });

        builder.Services.AddSingleton(_ => BuildTracerProvider(configureResource, useOtlp));
        builder.Services.AddSingleton(_ => BuildMeterProvider(configureResource, useOtlp));
        // Nothing else asks for the providers; this makes the host create them when it starts.
        builder.Services.AddHostedService<OpenTelemetryProvidersActivator>();
        return builder;
    }

    private static TracerProvider BuildTracerProvider(Action<ResourceBuilder> configureResource, bool useOtlp)
    {
        var tracing = Sdk.CreateTracerProviderBuilder()
            .ConfigureResource(configureResource)
            .AddSource([.. ServiceDefaultsNames.ActivitySources]);
        if (useOtlp)
        {
            tracing.AddOtlpExporter();
        }

        return tracing.Build();
    }

    private static MeterProvider BuildMeterProvider(Action<ResourceBuilder> configureResource, bool useOtlp)
    {
        var metrics = Sdk.CreateMeterProviderBuilder()
            .ConfigureResource(configureResource)
            .AddMeter([.. ServiceDefaultsNames.Meters])
            // A pull reader: it collects only when /metrics is scraped.
            .AddPrometheusExporter();
        if (useOtlp)
        {
            metrics.AddOtlpExporter();
        }

        return metrics.Build();
    }

    // The default resource already reads OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES; naming the service
    // here too would override what the AppHost injected, so only fall back to the application name.
    private static Action<ResourceBuilder> ResourceConfigurator(IHostApplicationBuilder builder)
    {
        var injectedName = builder.Configuration[ServiceDefaultsNames.ServiceNameVariable];
        var applicationName = builder.Environment.ApplicationName;
        return resource =>
        {
            if (string.IsNullOrWhiteSpace(injectedName))
            {
                resource.AddService(applicationName, autoGenerateServiceInstanceId: false);
            }
        };
    }
}
