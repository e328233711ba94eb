using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Microsoft.Extensions.Hosting;

public static class RedisClientExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="IConnectionMultiplexer"/> for <c>ConnectionStrings:{connectionName}</c>
    /// (injected by the AppHost as <c>ConnectionStrings__redis</c>) and a health check of the same name that PINGs.
    /// </summary>
    /// <remarks>
    /// The connection string is read when the multiplexer is first resolved, not here, so that test hosts
    /// (WebApplicationFactory) that add configuration after Program.cs ran are honoured.
    /// </remarks>
    public static TBuilder AddRedisClient<TBuilder>(this TBuilder builder, string connectionName)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionName);

        builder.Services.AddSingleton<IConnectionMultiplexer>(services =>
            Connect(services.GetRequiredService<IConfiguration>(), connectionName));
        builder.Services.AddHealthChecks().AddTypeActivatedCheck<RedisHealthCheck>(connectionName);
        return builder;
    }

    private static ConnectionMultiplexer Connect(IConfiguration configuration, string connectionName)
    {
        var connectionString = configuration.GetConnectionString(connectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"No Redis connection string: set ConnectionStrings:{connectionName} " +
                $"(environment ConnectionStrings__{connectionName}), as the AppHost does.");
        }

        var options = ConfigurationOptions.Parse(connectionString);
        // Start even if Redis is not up yet (or restarts later): the multiplexer reconnects on its own and
        // the health check reports the outage meanwhile.
        options.AbortOnConnectFail = false;
        // DI factories are synchronous. ConnectAsync is used because 1.2.6's synchronous Connect cannot resolve
        // host names on .NET Core; blocking here is safe (no synchronization context) and happens once.
        return ConnectionMultiplexer.ConnectAsync(options).GetAwaiter().GetResult();
    }
}
