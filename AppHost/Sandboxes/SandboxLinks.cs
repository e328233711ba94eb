using Microsoft.Extensions.Configuration;

/// <summary>
/// Where a sandbox child links to: its session in the Web app (<c>/s/{id}</c>, which hands the browser a token itself)
/// and its session's trace in this dashboard (<c>/traces/detail/{traceId}</c>), when the dashboard runs.
/// </summary>
public sealed class SandboxLinks(EndpointReference web, Uri? dashboard)
{
    public Uri? Session(string sessionId) =>
        web.IsAllocated ? new Uri(new Uri(web.Url), $"/s/{Uri.EscapeDataString(sessionId)}") : null;

    public Uri? Trace(string? traceId) => TraceLink(dashboard, traceId);

    /// <summary>
    /// The dashboard's own address, from the AppHost's configuration (<c>ASPNETCORE_URLS</c>: the launch profile's
    /// <c>applicationUrl</c>); null when the app runs without a dashboard (tests).
    /// </summary>
    public static Uri? DashboardUrl(IConfiguration configuration, bool dashboardDisabled) =>
        dashboardDisabled ? null
        : configuration["ASPNETCORE_URLS"]?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(url => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri : null)
            .FirstOrDefault(uri => uri is { Scheme: "http" or "https" });

    /// <summary>The dashboard's page of one trace (its spans as a waterfall), or null without a dashboard or trace id.</summary>
    public static Uri? TraceLink(Uri? dashboard, string? traceId) =>
        dashboard is null || string.IsNullOrEmpty(traceId) ? null : new Uri(dashboard, $"/traces/detail/{Uri.EscapeDataString(traceId)}");
}
