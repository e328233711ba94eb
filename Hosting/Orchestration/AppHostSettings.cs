using Microsoft.Extensions.Configuration;

namespace Aspire.Hosting.Orchestration;

/// <summary>
/// The AppHost's configuration, read once at Build(). <see cref="RandomizePorts"/>: this application may run
/// side by side with others (tests), so besides free ports it gets temporary data directories (see DataDirectories).
/// </summary>
internal sealed record AppHostSettings(
    DistributedApplicationOptions Options,
    bool RandomizePorts,
    Uri? DashboardUrl,
    TimeSpan MetricsScrapeInterval,
    string DotnetHostPath,
    string RedisServerPath,
    string? OtlpEndpoint,
    string OtlpProtocol)
{
    public static AppHostSettings From(IConfiguration configuration, DistributedApplicationOptions options)
    {
        var dashboardEnabled = !options.DisableDashboard && configuration.GetValue(KnownConfigNames.DashboardEnabled, true);
        var dashboardUrl = dashboardEnabled
            ? new Uri(configuration[KnownConfigNames.DashboardUrl] ?? KnownConfigNames.DefaultDashboardUrl)
            : null;

        // Aspire's names say which protocol the collector speaks; our own key and OTEL's default to gRPC.
        var (otlpEndpoint, otlpProtocol) =
            NonEmpty(configuration[KnownConfigNames.OtlpEndpoint]) is { } own ? (own, "grpc")
            : NonEmpty(configuration[KnownConfigNames.AspireOtlpGrpcEndpoint]) is { } grpc ? (grpc, "grpc")
            : NonEmpty(configuration[KnownConfigNames.AspireOtlpHttpEndpoint]) is { } http ? (http, "http/protobuf")
            : (NonEmpty(configuration[KnownEnvironmentNames.OtelExporterOtlpEndpoint]),
                configuration[KnownEnvironmentNames.OtelExporterOtlpProtocol] ?? "grpc");

        return new AppHostSettings(
            options,
            options.RandomizePorts || configuration.GetValue<bool>(KnownConfigNames.RandomizePorts),
            dashboardUrl,
            ScrapeInterval(configuration),
            FindDotnetHost(),
            NonEmpty(configuration[KnownConfigNames.RedisServerPath]) ?? "redis-server",
            otlpEndpoint,
            otlpProtocol);
    }

    // The dotnet CLI sets DOTNET_HOST_PATH for what it runs (dotnet run, dotnet test); when the AppHost
    // itself runs as `dotnet AppHost.dll` the current process is the host; otherwise trust PATH.
    private static string FindDotnetHost()
    {
        if (NonEmpty(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH")) is { } hostPath && File.Exists(hostPath))
        {
            return hostPath;
        }

        var processPath = Environment.ProcessPath;
        return processPath is not null && Path.GetFileNameWithoutExtension(processPath) == "dotnet" ? processPath : "dotnet";
    }

    private static TimeSpan ScrapeInterval(IConfiguration configuration)
    {
        var interval = configuration.GetValue(KnownConfigNames.MetricsScrapeInterval, KnownConfigNames.DefaultMetricsScrapeInterval);
        return interval > TimeSpan.Zero
            ? interval
            : throw new InvalidOperationException($"{KnownConfigNames.MetricsScrapeInterval} must be positive; got {interval}.");
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
