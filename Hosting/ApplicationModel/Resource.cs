namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// Base of every resource. Aspire keeps this data in annotations; plain members keep our stand-in small,
/// and the public surface (builder extension methods) is the same.
/// </summary>
public abstract class Resource : IResource
{
    protected Resource(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    public string Name { get; }

    /// <summary>How many processes run this resource (WithReplicas).</summary>
    public int Replicas { get; internal set; } = 1;

    public IReadOnlyList<EndpointAnnotation> Endpoints => EndpointList;

    /// <summary>Resources that must be healthy before this one starts (WaitFor).</summary>
    public IReadOnlyList<IResource> WaitsFor => WaitList;

    internal List<EndpointAnnotation> EndpointList { get; } = [];

    internal List<IResource> WaitList { get; } = [];

    /// <summary>Run in order when the environment is evaluated; later callbacks win.</summary>
    internal List<Action<EnvironmentCallbackContext>> EnvironmentCallbacks { get; } = [];

    public override string ToString() => Name;
}
