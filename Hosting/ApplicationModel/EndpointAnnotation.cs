namespace Aspire.Hosting.ApplicationModel;

/// <summary>A declared endpoint and, once the application is built, the port each replica listens on.</summary>
public sealed class EndpointAnnotation(string name, string scheme, int? port, bool isImplicit = false)
{
    /// <summary>Every service binds the loopback address only (see ENVIRONMENT.md's network rule).</summary>
    public const string Host = "127.0.0.1";

    public string Name { get; } = name;

    public string Scheme { get; } = scheme;

    /// <summary>The requested port; null means any free port.</summary>
    public int? Port { get; internal set; } = port;

    /// <summary>Shown as the application's entry point (WithExternalHttpEndpoints); still loopback-bound.</summary>
    public bool IsExternal { get; internal set; }

    /// <summary>Added by the AppHost so a project without declared endpoints can still serve /health.</summary>
    public bool IsImplicit { get; } = isImplicit;

    /// <summary>One port per replica, set by <c>Build()</c>.</summary>
    public IReadOnlyList<int> AllocatedPorts { get; internal set; } = [];

    public Uri GetUrl(int replica = 0)
    {
        if (replica >= AllocatedPorts.Count)
        {
            throw new InvalidOperationException($"Endpoint '{Name}' has no port yet: ports are allocated by Build().");
        }

        return new Uri($"{Scheme}://{Host}:{AllocatedPorts[replica]}");
    }
}
