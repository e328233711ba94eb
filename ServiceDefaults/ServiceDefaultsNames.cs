namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The names every service shares: health endpoints and tags, telemetry sources and meters,
/// and the environment variables the AppHost injects. Named once so services and tests agree.
/// </summary>
public static class ServiceDefaultsNames
{
    public const string HealthEndpointPath = "/health";
    public const string AlivenessEndpointPath = "/alive";

    /// <summary>Prometheus text of every meter below, for the AppHost dashboard (or any scraper) without an OTLP collector.</summary>
    public const string MetricsEndpointPath = "/metrics";

    /// <summary>Tag of the checks that <c>/alive</c> runs: the process is up, whatever its dependencies say.</summary>
    public const string LiveTag = "live";
    public const string SelfCheckName = "self";

    /// <summary>Our own ActivitySources and Meters are named <c>Aspire.Sandbox.{Service}</c>; this wildcard picks them all up.</summary>
    public const string SandboxTelemetryWildcard = "Aspire.Sandbox.*";

    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string ServiceNameVariable = "OTEL_SERVICE_NAME";

    /// <summary>
    /// ActivitySources to trace. Without the instrumentation packages (not served here) ASP.NET Core and
    /// HttpClient still emit their own activities under these names.
    /// </summary>
    public static IReadOnlyList<string> ActivitySources { get; } =
    [
        "Microsoft.AspNetCore",
        "Microsoft.AspNetCore.SignalR.Server",
        "System.Net.Http",
        SandboxTelemetryWildcard,
    ];

    /// <summary>Meters the framework publishes natively (what the instrumentation packages would subscribe to).</summary>
    public static IReadOnlyList<string> Meters { get; } =
    [
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Http.Connections",
        "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Diagnostics",
        "Microsoft.AspNetCore.RateLimiting",
        "System.Net.Http",
        "System.Net.NameResolution",
        "System.Runtime",
        SandboxTelemetryWildcard,
    ];
}
