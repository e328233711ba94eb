using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;

namespace Aspire.Hosting;

/// <summary>Declares the resource graph; <see cref="Build"/> validates it and allocates ports.</summary>
public interface IDistributedApplicationBuilder
{
    /// <summary>Environment variables and command-line arguments of the AppHost.</summary>
    IConfigurationManager Configuration { get; }

    IReadOnlyList<IResource> Resources { get; }

    IResourceBuilder<T> AddResource<T>(T resource)
        where T : Resource;

    /// <summary>A line printed with the URLs once every resource is healthy (e.g. the development API key).</summary>
    void AddAnnouncement(string message);

    DistributedApplication Build();
}
