using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;

// Shared by every service, in the shape of the Aspire service-defaults template: telemetry, health checks,
// service discovery and resilient HTTP clients.
namespace Microsoft.Extensions.Hosting;

public static class ServiceDefaultsExtensions
{
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            // Retries only where repeating is harmless: a retried POST could create a second session or run.
            http.AddStandardResilienceHandler(options => options.Retry.DisableForUnsafeHttpMethods());
            // "http://api" resolves to what the AppHost injected (services__api__http__0).
            http.AddServiceDiscovery();
        });
        return builder;
    }
}
