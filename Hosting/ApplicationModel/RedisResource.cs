namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// Redis run as a local <c>redis-server</c> process (Aspire runs a container; there is no registry here),
/// listening on 127.0.0.1. In memory only, unless given a data directory (<c>WithDataDirectory</c>).
/// </summary>
public sealed class RedisResource(string name) : Resource(name), IResourceWithConnectionString, IResourceWithEndpoints
{
    public const string PrimaryEndpointName = "tcp";
    public const int DefaultPort = 6379;

    public EndpointAnnotation PrimaryEndpoint => Endpoints.First(e => e.Name == PrimaryEndpointName);

    /// <summary>
    /// Full path where redis-server keeps its append-only file, or null for in memory only. Applications with
    /// random ports (tests) use a temporary directory of their own instead, see <c>WithDataDirectory</c>.
    /// </summary>
    public string? DataDirectory { get; internal set; }

    /// <summary><c>127.0.0.1:{port}</c>, what StackExchange.Redis' ConfigurationOptions.Parse accepts.</summary>
    public string GetConnectionString() => $"{EndpointAnnotation.Host}:{PrimaryEndpoint.GetUrl().Port}";
}
