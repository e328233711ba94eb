namespace Aspire.Hosting;

/// <summary>
/// Configuration the AppHost itself reads (command line <c>--Key=value</c> or environment <c>Key__Sub=value</c>).
/// </summary>
public static class KnownConfigNames
{
    /// <summary>Where the dashboard listens; loopback only. Default <see cref="DefaultDashboardUrl"/>.</summary>
    public const string DashboardUrl = "AppHost:DashboardUrl";
    public const string DefaultDashboardUrl = "http://127.0.0.1:18888";

    /// <summary>
    /// <c>false</c> turns the dashboard off. Tests have none unless their own arguments say <c>true</c> (and give
    /// <see cref="DashboardUrl"/> a free port).
    /// </summary>
    public const string DashboardEnabled = "AppHost:DashboardEnabled";

    /// <summary>How often the dashboard reads each running project's <c>/metrics</c> (a TimeSpan). Default <see cref="DefaultMetricsScrapeInterval"/>.</summary>
    public const string MetricsScrapeInterval = "AppHost:MetricsScrapeInterval";
    public static readonly TimeSpan DefaultMetricsScrapeInterval = TimeSpan.FromSeconds(3);

    /// <summary><c>true</c>: every endpoint gets a free port, ignoring the declared ones (what tests do).</summary>
    public const string RandomizePorts = "AppHost:RandomizePorts";

    /// <summary>
    /// The OTLP collector the services export to. Falls back to Aspire's own names
    /// (<see cref="AspireOtlpGrpcEndpoint"/>, <see cref="AspireOtlpHttpEndpoint"/>) and then to the AppHost's
    /// own <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>; none set means no exporter.
    /// </summary>
    public const string OtlpEndpoint = "AppHost:OtlpEndpoint";
    public const string AspireOtlpGrpcEndpoint = "ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL";
    public const string AspireOtlpHttpEndpoint = "ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL";

    /// <summary>The redis-server binary (default: found on PATH).</summary>
    public const string RedisServerPath = "AppHost:RedisServerPath";

    /// <summary>
    /// Port overrides: <c>Ports:web=6000</c> (command line <c>--Ports:web=6000</c>, environment
    /// <c>Ports__web=6000</c>) or the shorter environment form <c>WEB_PORT=6000</c>. 0 means any free port.
    /// Applies to the resource's first endpoint.
    /// </summary>
    public const string PortsSection = "Ports";

    public static string PortVariable(string resourceName) => $"{resourceName.ToUpperInvariant().Replace('-', '_')}_PORT";
}
