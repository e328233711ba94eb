namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// Redis run as a local <c>redis-server</c> process (Aspire runs a container; there is no registry here),
/// in-memory only, listening on 127.0.0.1.
/// </summary>
public sealed class RedisResource(string name) : Resource(name), IResourceWithConnectionString, IResourceWithEndpoints
{
    public const string PrimaryEndpointName = "tcp";
    public const int DefaultPort = 6379;

    public EndpointAnnotation PrimaryEndpoint => Endpoints.First(e => e.Name == PrimaryEndpointName);

    /// <summary><c>127.0.0.1:{port}</c>, what StackExchange.Redis' ConfigurationOptions.Parse accepts.</summary>
    public string GetConnectionString() => $"{EndpointAnnotation.Host}:{PrimaryEndpoint.GetUrl().Port}";
}
