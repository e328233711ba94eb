namespace Aspire.Hosting;

/// <summary>
/// The environment contract between the AppHost and the services it starts: exactly the names and formats
/// Aspire injects (dotnet/aspire ResourceBuilderExtensions, OtlpConfigurationExtensions, KnownOtelConfigNames),
/// so a service cannot tell our AppHost from Aspire's.
/// </summary>
public static class KnownEnvironmentNames
{
    public const string ConnectionStringPrefix = "ConnectionStrings__";
    public const string ServicesPrefix = "services__";

    public const string OtelServiceName = "OTEL_SERVICE_NAME";
    public const string OtelResourceAttributes = "OTEL_RESOURCE_ATTRIBUTES";
    public const string OtelExporterOtlpEndpoint = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string OtelExporterOtlpProtocol = "OTEL_EXPORTER_OTLP_PROTOCOL";
    public const string OtelBlrpScheduleDelay = "OTEL_BLRP_SCHEDULE_DELAY";
    public const string OtelBspScheduleDelay = "OTEL_BSP_SCHEDULE_DELAY";
    public const string OtelMetricExportInterval = "OTEL_METRIC_EXPORT_INTERVAL";
    public const string OtelTracesSampler = "OTEL_TRACES_SAMPLER";
    public const string OtelMetricsExemplarFilter = "OTEL_METRICS_EXEMPLAR_FILTER";
    public const string OtelDotnetExperimentalOtlpRetry = "OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY";

    public const string AspNetCoreUrls = "ASPNETCORE_URLS";
    public const string AspNetCoreEnvironment = "ASPNETCORE_ENVIRONMENT";
    public const string DotnetEnvironment = "DOTNET_ENVIRONMENT";

    /// <summary><c>ConnectionStrings__redis</c>: what <c>GetConnectionString("redis")</c> reads.</summary>
    public static string ConnectionString(string resourceName) => ConnectionStringPrefix + resourceName;

    /// <summary><c>services__api__http__0</c>: the resource name keeps its dashes; the index counts per scheme.</summary>
    public static string ServiceEndpoint(string resourceName, string scheme, int index) =>
        $"{ServicesPrefix}{resourceName}__{scheme}__{index}";

    /// <summary><c>API_HTTP</c>, <c>PROJECT_A_HTTP</c>: upper case, dashes become underscores.</summary>
    public static string EndpointUrl(string resourceName, string endpointName) =>
        $"{resourceName}_{endpointName}".ToUpperInvariant().Replace('-', '_');

    /// <summary>The value of <see cref="OtelResourceAttributes"/>: one instance id per replica.</summary>
    public static string ServiceInstanceAttribute(string instanceId) => $"service.instance.id={instanceId}";
}
