using StackExchange.Redis;

namespace Aspire.Sandbox.IntegrationTests.Bus;

/// <summary>A Redis and a Web process of the bus tests' own (no Api, Worker or Docker: frames are injected at the publisher).</summary>
public sealed class BusFixture : IAsyncLifetime
{
    public RedisServerProcess Redis { get; private set; } = null!;
    public WebProcess Web { get; private set; } = null!;
    public ConnectionMultiplexer Connection { get; private set; } = null!;
    public BusTokens Tokens { get; } = new();

    public async Task InitializeAsync()
    {
        Redis = await RedisServerProcess.StartAsync();
        Connection = await Redis.ConnectAsync();
        Web = await WebProcess.StartAsync(Redis.ServiceConnectionString, Tokens.Key);
    }

    public async Task DisposeAsync()
    {
        await Web.DisposeAsync();
        Connection.Dispose();
        await Redis.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BusCollection : ICollectionFixture<BusFixture>
{
    public const string Name = "bus";
}
