using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

public static class RedisBuilderExtensions
{
    /// <summary>
    /// A Redis server (<c>redis-server</c> on 127.0.0.1, in memory only unless <see cref="WithDataDirectory"/>).
    /// Port: <paramref name="port"/>, else 6379; overridable with <c>Ports:{name}</c> / <c>{NAME}_PORT</c>, random in
    /// tests. Healthy when it answers PING.
    /// </summary>
    public static IResourceBuilder<RedisResource> AddRedis(this IDistributedApplicationBuilder builder, string name, int? port = null)
    {
        ArgumentNullException.ThrowIfNull(builder);

        var redis = new RedisResource(name);
        redis.EndpointList.Add(new EndpointAnnotation(RedisResource.PrimaryEndpointName, "tcp", port ?? RedisResource.DefaultPort));
        return builder.AddResource(redis);
    }

    /// <summary>
    /// Keeps the data in <paramref name="path"/> (created if missing; relative to the current directory), as Aspire's
    /// <c>WithDataBindMount</c> + <c>WithPersistence</c> do for the container: an append-only file fsynced every
    /// second (<c>--appendonly yes --appendfsync everysec</c>), so a restart of Redis or of the AppHost keeps what
    /// was written; a power loss, the last second or two. Delete the directory to start empty.
    /// <para>
    /// With random ports (tests, <c>AppHost:RandomizePorts</c>) applications run side by side and two redis-servers
    /// must never share a file: each application then gets a fresh temporary directory instead, kept across restarts
    /// of the resource and removed when the application stops; <paramref name="path"/> is not touched.
    /// </para>
    /// </summary>
    public static IResourceBuilder<RedisResource> WithDataDirectory(this IResourceBuilder<RedisResource> builder, string path)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);

        builder.Resource.DataDirectory = Path.GetFullPath(path);
        return builder;
    }
}
