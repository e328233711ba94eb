using System.Runtime.ExceptionServices;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace Aspire.Sandbox.TestSupport;

/// <summary>The environment the AppHost hands a resource, as the resource's process sees it.</summary>
public static class ResourceEnvironment
{
    public static async Task<IReadOnlyDictionary<string, string>> GetAsync(DistributedApplication app, string resourceName, CancellationToken cancellationToken = default)
    {
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();
        var resource = model.Resources.Single(r => r.Name == resourceName);
        var configuration = await ExecutionConfigurationBuilder.Create(resource)
            .WithEnvironmentVariablesConfig()
            .BuildAsync(app.Services.GetRequiredService<DistributedApplicationExecutionContext>(), resourceLogger: null, cancellationToken);
        if (configuration.Exception is not null) ExceptionDispatchInfo.Throw(configuration.Exception);
        return configuration.EnvironmentVariables.ToDictionary();
    }
}
