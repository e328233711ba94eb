using StackExchange.Redis;

namespace Microsoft.Extensions.Hosting;

public static class RedisClientExtensions
{
    /// <summary>
    /// Aspire's Redis client (<see cref="AspireRedisExtensions.AddRedisClient"/>): a singleton
    /// <see cref="IConnectionMultiplexer"/> for <c>ConnectionStrings:{connectionName}</c> (the AppHost injects
    /// <c>ConnectionStrings__redis</c>), its health check (a PING; <c>/health</c> is unhealthy while Redis is down)
    /// and its tracing, with the connection options every service relies on (<see cref="ApplyServiceOptions"/>).
    /// </summary>
    /// <remarks>
    /// Same name and shape as Aspire's, so <c>builder.AddRedisClient("redis")</c> in each service binds here (an exact
    /// match wins over Aspire's optional parameters) and no service can forget the options.
    /// </remarks>
    public static TBuilder AddRedisClient<TBuilder>(this TBuilder builder, string connectionName)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionName);

        AspireRedisExtensions.AddRedisClient(builder, connectionName, configureOptions: ApplyServiceOptions);
        return builder;
    }

    /// <summary>Runs after the connection string and the <c>Aspire:StackExchange:Redis</c> section were applied.</summary>
    public static void ApplyServiceOptions(ConfigurationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // Start even if Redis is not up yet (or restarts later): the multiplexer reconnects on its own and the
        // health check reports the outage meanwhile. (Aspire's default too; set here so a connection string's
        // abortConnect=true cannot make a service crash at start when Redis is late.)
        options.AbortOnConnectFail = false;
        // While no connection is up, fail each command at once with RedisConnectionException instead of holding
        // it for up to the async timeout (5 s) in the library's backlog: the Api answers 503 + Retry-After at
        // once, /health says unhealthy at once, and the frame publisher's own retry and back-off stay in
        // charge during an outage — as with StackExchange.Redis 1.x, which had no backlog.
        options.BacklogPolicy = BacklogPolicy.FailFast;
    }
}
