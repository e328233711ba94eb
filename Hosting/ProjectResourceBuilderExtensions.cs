using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

public static class ProjectResourceBuilderExtensions
{
    /// <summary>
    /// A .NET project of the solution, run from its build output. It gets Aspire's project environment
    /// (OTEL_*, ASPNETCORE_URLS on 127.0.0.1, Development) and is healthy when GET /health answers 200.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddProject<TProject>(this IDistributedApplicationBuilder builder, string name)
        where TProject : IProjectMetadata, new() =>
        builder.AddProject(name, new TProject());

    public static IResourceBuilder<ProjectResource> AddProject(this IDistributedApplicationBuilder builder, string name, IProjectMetadata project)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(project);
        return builder.AddResource(new ProjectResource(name, project));
    }

    /// <summary>Runs <paramref name="replicas"/> processes, each with its own port and <c>service.instance.id</c>.</summary>
    public static IResourceBuilder<ProjectResource> WithReplicas(this IResourceBuilder<ProjectResource> builder, int replicas)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentOutOfRangeException.ThrowIfLessThan(replicas, 1);
        builder.Resource.Replicas = replicas;
        return builder;
    }

    /// <summary>Polled for health instead of <c>/health</c>.</summary>
    public static IResourceBuilder<ProjectResource> WithHttpHealthCheck(this IResourceBuilder<ProjectResource> builder, string path = "/health")
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Resource.HealthCheckPath = path;
        return builder;
    }
}
