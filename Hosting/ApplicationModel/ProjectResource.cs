namespace Aspire.Hosting.ApplicationModel;

/// <summary>A .NET project run as <c>dotnet {AssemblyPath}</c> from its project folder.</summary>
public sealed class ProjectResource(string name, IProjectMetadata metadata)
    : Resource(name), IResourceWithEnvironment, IResourceWithServiceDiscovery
{
    public IProjectMetadata Metadata { get; } = metadata;

    /// <summary>Polled to decide health; every service maps it through ServiceDefaults' MapDefaultEndpoints.</summary>
    public string HealthCheckPath { get; internal set; } = "/health";
}
