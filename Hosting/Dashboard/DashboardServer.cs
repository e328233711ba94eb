using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Aspire.Hosting.Dashboard;

/// <summary>
/// A one-page dashboard on loopback: resources (state, health, endpoints, pid, restarts) and each
/// resource's recent console output, polled by the page from two JSON endpoints.
/// </summary>
internal sealed class DashboardServer(WebApplication app) : IAsyncDisposable
{
    public static async Task<DashboardServer> StartAsync(Uri url, IDashboardData data, CancellationToken cancellationToken)
    {
        var address = LoopbackAddress(url);
        // Content root = the AppHost's own folder, so no service's appsettings.json is picked up by accident.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        // Explicit Listen wins over any ASPNETCORE_URLS the AppHost itself was given.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(address, url.Port));

        var app = builder.Build();
        app.MapGet("/", () => Results.Stream(OpenPage(), "text/html; charset=utf-8"));
        app.MapGet("/api/resources", () => Results.Json(data.GetResourceSnapshots()));
        app.MapGet("/api/resources/{name}/logs", (string name, long? after) =>
            data.TryGetLogs(name, after ?? 0, out var lines)
                ? Results.Json(new { lines, next = lines.Count > 0 ? lines[^1].Sequence : after ?? 0 })
                : Results.NotFound());

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
