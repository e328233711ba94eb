using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Reads the service-discovery entries the AppHost injects (<c>services__api__http__0=http://127.0.0.1:5081</c>),
/// standing in for Microsoft.Extensions.ServiceDiscovery, which is not available here.
/// </summary>
public static class ServiceEndpointConfigurationExtensions
{
    /// <summary>The first <paramref name="scheme"/> endpoint of <paramref name="serviceName"/>, or null if none is configured.</summary>
    public static Uri? GetServiceUri(this IConfiguration configuration, string serviceName, string scheme = "http")
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceName);

        var value = configuration[$"services:{serviceName}:{scheme}:0"];
        return Uri.TryCreate(value, UriKind.Absolute, out var uri) ? uri : null;
    }
}
