// Shared by every service: telemetry, health checks and configuration conventions, in the shape of the
// Aspire service-defaults template so that moving to the real Aspire packages later is mechanical.
namespace Microsoft.Extensions.Hosting;

public static class ServiceDefaultsExtensions
{
    /// <summary>OpenTelemetry (OTLP when configured) and the default health checks.</summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        return builder;
    }
}
