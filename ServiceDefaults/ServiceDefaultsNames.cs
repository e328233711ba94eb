namespace Microsoft.Extensions.Hosting;

/// <summary>The names every service shares: health endpoints and tags, telemetry, injected variables.</summary>
public static class ServiceDefaultsNames
{
    public const string HealthEndpointPath = "/health";
    public const string AlivenessEndpointPath = "/alive";

    /// <summary>Tag of the checks that <c>/alive</c> runs: the process is up, whatever its dependencies say.</summary>
    public const string LiveTag = "live";
    public const string SelfCheckName = "self";

    /// <summary>Our own ActivitySources and Meters are named <c>Aspire.Sandbox.{Service}</c>; this wildcard picks them all up.</summary>
    public const string SandboxTelemetryWildcard = "Aspire.Sandbox.*";

    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";
}
