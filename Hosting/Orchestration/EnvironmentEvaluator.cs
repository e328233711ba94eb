using Aspire.Hosting.ApplicationModel;
using static Aspire.Hosting.KnownEnvironmentNames;

namespace Aspire.Hosting.Orchestration;

/// <summary>
/// Computes what one replica's process receives on top of the AppHost's own environment: the project
/// defaults Aspire injects, then every WithReference / WithEnvironment callback in declaration order
/// (so an explicit WithEnvironment overrides a default such as ASPNETCORE_ENVIRONMENT).
/// </summary>
internal static class EnvironmentEvaluator
{
    public static IReadOnlyDictionary<string, string> Evaluate(Resource resource, int replica, string instanceId, AppHostSettings settings)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        if (resource is ProjectResource project)
        {
            AddProjectDefaults(environment, project, replica, instanceId, settings);
        }

        var context = new EnvironmentCallbackContext(environment, replica);
        foreach (var callback in resource.EnvironmentCallbacks)
        {
            callback(context);
        }

        return environment;
    }

    private static void AddProjectDefaults(
        Dictionary<string, string> environment, ProjectResource project, int replica, string instanceId, AppHostSettings settings)
    {
        // Same service name for every replica; the instance id tells them apart (DcpExecutor does the same).
        environment[OtelServiceName] = project.Name;
        environment[OtelResourceAttributes] = ServiceInstanceAttribute(instanceId);
        if (settings.OtlpEndpoint is { } otlpEndpoint)
        {
            environment[OtelExporterOtlpEndpoint] = otlpEndpoint;
            environment[OtelExporterOtlpProtocol] = settings.OtlpProtocol;
            // Aspire's development settings: export every second and keep every trace, so a local
            // dashboard shows things as they happen.
            environment[OtelBlrpScheduleDelay] = "1000";
            environment[OtelBspScheduleDelay] = "1000";
            environment[OtelMetricExportInterval] = "1000";
            environment[OtelTracesSampler] = "always_on";
            environment[OtelMetricsExemplarFilter] = "trace_based";
            environment[OtelDotnetExperimentalOtlpRetry] = "in_memory";
        }

        environment[AspNetCoreUrls] = string.Join(';', project.Endpoints
            .Where(e => e.Scheme is "http" or "https")
            .Select(e => e.GetUrl(replica).ToString().TrimEnd('/')));
        environment[DotnetEnvironment] = "Development";
        environment[AspNetCoreEnvironment] = "Development";
    }
}
