using Aspire.Hosting.Redis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

internal static class SandboxesExtensions
{
    /// <summary>
    /// Adds the <c>sandboxes</c> resource: one child per live session of this app, fed from <paramref name="redis"/>,
    /// linking to the session in <paramref name="web"/> and to its trace in the dashboard, with Stop run and Delete
    /// session sent to <paramref name="api"/>
    /// under owner tokens signed with <paramref name="tokenKey"/>.
    /// </summary>
    public static IResourceBuilder<SandboxesResource> AddSandboxes(
        this IDistributedApplicationBuilder builder,
        string name,
        IResourceBuilder<RedisResource> redis,
        IResourceBuilder<ProjectResource> api,
        IResourceBuilder<ProjectResource> web,
        IResourceBuilder<ParameterResource> tokenKey)
    {
        var sandboxes = new SandboxesResource(name);
        builder.Services.AddSingleton(sp => new SandboxApi(api.GetEndpoint("http"), tokenKey.Resource, TimeProvider.System));
        builder.Services.AddHostedService(sp => new SandboxesWatcher(
            sandboxes, redis.Resource,
            new SandboxLinks(web.GetEndpoint("http"), SandboxLinks.DashboardUrl(builder.Configuration, sp.GetService<DistributedApplicationOptions>()?.DisableDashboard == true)),
            sp.GetRequiredService<SandboxApi>(),
            sp.GetRequiredService<ResourceNotificationService>(), TimeProvider.System,
            sp.GetRequiredService<ILogger<SandboxesWatcher>>()));

        return builder.AddResource(sandboxes)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = SandboxesResource.ResourceType,
                State = new ResourceStateSnapshot("Waiting", KnownResourceStateStyles.Info),
                Properties = [],
            })
            .WithIconName("BoxMultiple")
            .ExcludeFromManifest();
    }
}
