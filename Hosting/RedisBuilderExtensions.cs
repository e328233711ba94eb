using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

public static class RedisBuilderExtensions
{
    /// <summary>
    /// A Redis server (<c>redis-server</c> on 127.0.0.1, in memory only). Port: <paramref name="port"/>, else
    /// 6379; overridable with <c>Ports:{name}</c> / <c>{NAME}_PORT</c>, random in tests. Healthy when it answers PING.
    /// </summary>
    public static IResourceBuilder<RedisResource> AddRedis(this IDistributedApplicationBuilder builder, string name, int? port = null)
    {
        ArgumentNullException.ThrowIfNull(builder);

        var redis = new RedisResource(name);
        redis.EndpointList.Add(new EndpointAnnotation(RedisResource.PrimaryEndpointName, "tcp", port ?? RedisResource.DefaultPort));
        return builder.AddResource(redis);
    }
}
