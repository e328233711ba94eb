using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Aspire.Hosting.Dashboard.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Aspire.Hosting.Dashboard;

/// <summary>
/// A one-page dashboard on loopback: resources (state, health, endpoints, pid, restarts), each resource's
/// recent console output and its metrics (scraped from its <c>/metrics</c>), polled by the page from JSON endpoints
/// (listed in Hosting/README.md).
/// </summary>
internal sealed class DashboardServer(WebApplication app) : IAsyncDisposable
{
    // Gauges can be NaN, which plain JSON numbers cannot say.
    private static readonly JsonSerializerOptions MetricsJson = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static async Task<DashboardServer> StartAsync(Uri url, TimeSpan metricsInterval, IDashboardData data, CancellationToken cancellationToken)
    {
        var address = LoopbackAddress(url);
        // Content root = the AppHost's own folder, so no service's appsettings.json is picked up by accident.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        // Explicit Listen wins over any ASPNETCORE_URLS the AppHost itself was given.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(address, url.Port));
        var metrics = new MetricsScraper(data, metricsInterval);
        builder.Services.AddHostedService(_ => metrics);

        var app = builder.Build();
        app.MapGet("/", () => Results.Stream(OpenPage(), "text/html; charset=utf-8"));
        app.MapGet("/api/resources", () => Results.Json(data.GetResourceSnapshots()));
        app.MapGet("/api/resources/{name}/logs", (string name, long? after) =>
            data.TryGetLogs(name, after ?? 0, out var lines)
                ? Results.Json(new { lines, next = lines.Count > 0 ? lines[^1].Sequence : after ?? 0 })
                : Results.NotFound());
        app.MapGet("/api/metrics", (string? prefix) => Results.Json(metrics.GetAll(prefix), MetricsJson));
        app.MapGet("/api/resources/{name}/metrics", (string name, string? prefix) =>
            metrics.Find(name, prefix) is { } found ? Results.Json(found, MetricsJson) : Results.NotFound());

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return new DashboardServer(app);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }

    private static IPAddress LoopbackAddress(Uri url)
    {
        if (url.IsLoopback)
        {
            return url.HostNameType == UriHostNameType.IPv6 ? IPAddress.IPv6Loopback : IPAddress.Loopback;
        }

        throw new InvalidOperationException(
            $"{KnownConfigNames.DashboardUrl} must be a loopback address (the dashboard shows logs and secrets); got {url}.");
    }

    private static Stream OpenPage() =>
        typeof(DashboardServer).Assembly.GetManifestResourceStream("Aspire.Hosting.Dashboard.dashboard.html")
        ?? throw new InvalidOperationException("The dashboard page is missing from the assembly.");
}
