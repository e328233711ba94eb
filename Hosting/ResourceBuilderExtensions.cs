using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

/// <summary>The <c>With*</c> verbs of Aspire's ResourceBuilderExtensions, with the environment names it uses.</summary>
public static class ResourceBuilderExtensions
{
    /// <summary>Injects <c>ConnectionStrings__{name}</c>.</summary>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResourceWithConnectionString> source)
        where T : Resource, IResourceWithEnvironment
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(source);

        var resource = source.Resource;
        return builder.WithEnvironment(context =>
            context.EnvironmentVariables[KnownEnvironmentNames.ConnectionString(resource.Name)] = resource.GetConnectionString());
    }

    /// <summary>
    /// Injects <c>services__{name}__{scheme}__{index}</c> for every replica of every HTTP(S) endpoint, and
    /// <c>{NAME}_{ENDPOINT}</c> with the first one.
    /// </summary>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResourceWithServiceDiscovery> source)
        where T : Resource, IResourceWithEnvironment
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(source);

        var resource = (Resource)source.Resource;
        return builder.WithEnvironment(context =>
        {
            foreach (var scheme in resource.Endpoints.Select(e => e.Scheme).Where(s => s is "http" or "https").Distinct())
            {
                var urls = resource.Endpoints.Where(e => e.Scheme == scheme)
                    .SelectMany(e => Enumerable.Range(0, e.AllocatedPorts.Count).Select(e.GetUrl))
                    .Select(url => url.ToString().TrimEnd('/'));
                var index = 0;
                foreach (var url in urls)
                {
                    context.EnvironmentVariables[KnownEnvironmentNames.ServiceEndpoint(resource.Name, scheme, index++)] = url;
                }
            }

            foreach (var endpoint in resource.Endpoints.Where(e => e.Scheme is "http" or "https"))
            {
                context.EnvironmentVariables[KnownEnvironmentNames.EndpointUrl(resource.Name, endpoint.Name)] =
                    endpoint.GetUrl().ToString().TrimEnd('/');
            }
        });
    }

    /// <summary>Starts this resource only once <paramref name="dependency"/> is healthy.</summary>
    public static IResourceBuilder<T> WaitFor<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResource> dependency)
        where T : Resource
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(dependency);

        if (!builder.Resource.WaitList.Contains(dependency.Resource))
        {
            builder.Resource.WaitList.Add(dependency.Resource);
        }

        return builder;
    }

    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, string value)
        where T : Resource, IResourceWithEnvironment
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(value);
        return builder.WithEnvironment(context => context.EnvironmentVariables[name] = value);
    }

    /// <summary>Evaluated per replica when its process starts (and by <c>GetEnvironment</c>).</summary>
    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, Action<EnvironmentCallbackContext> callback)
        where T : Resource, IResourceWithEnvironment
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(callback);
        builder.Resource.EnvironmentCallbacks.Add(callback);
        return builder;
    }

    /// <summary>An HTTP endpoint on 127.0.0.1; <paramref name="port"/> null means any free port.</summary>
    public static IResourceBuilder<T> WithHttpEndpoint<T>(this IResourceBuilder<T> builder, int? port = null, string name = "http")
        where T : Resource, IResourceWithEndpoints
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Resource.Endpoints.Any(e => e.Name == name))
        {
            throw new InvalidOperationException($"'{builder.Resource.Name}' already has an endpoint named '{name}'.");
        }

        builder.Resource.EndpointList.Add(new EndpointAnnotation(name, "http", port));
        return builder;
    }

    /// <summary>Marks the HTTP endpoints as the application's front door (printed and linked first). Still loopback-only.</summary>
    public static IResourceBuilder<T> WithExternalHttpEndpoints<T>(this IResourceBuilder<T> builder)
        where T : Resource, IResourceWithEndpoints
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var endpoint in builder.Resource.Endpoints.Where(e => e.Scheme is "http" or "https"))
        {
            endpoint.IsExternal = true;
        }

        return builder;
    }
}
