using Aspire.Hosting;
using Aspire.Hosting.Testing;
using StackExchange.Redis;

namespace Aspire.Sandbox.IntegrationTests.Api;

/// <summary>
/// The real Api with two API keys on a Redis of its own (no worker: sessions stay 'starting'), so listing tests can
/// count the Redis commands a page costs without other tests' traffic in the numbers.
/// </summary>
public sealed class SessionListingFixture : IAsyncLifetime
{
    public const string KeyA = "sbx_listing_key_a";
    public const string KeyB = "sbx_listing_key_b";

    public DistributedApplication App { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;
    public IConnectionMultiplexer Redis { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = TestApps.CreateBuilder();
        var redis = builder.AddRedis("redis").WithSandboxRedisImage();
        builder.AddProject<Projects.Aspire_Sandbox_Api>("api-listing")
            .WithHttpEndpoint().WithHttpHealthCheck("/health")
            .WithEnvironment("Sandbox__ApiKeys__0", KeyA)
            .WithEnvironment("Sandbox__ApiKeys__1", KeyB)
            .WithEnvironment("Sandbox__TokenKeys__0", TestTokens.NewKey())
            .WithEnvironment("Sandbox__RateLimits__ApiKey__PermitLimit", "1000000")
            .WithReference(redis).WaitFor(redis);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        App = await builder.BuildAsync(timeout.Token);
        await App.StartAsync(timeout.Token);
        await App.ResourceNotifications.WaitForResourceHealthyAsync("api-listing", timeout.Token);
        Http = new HttpClient { BaseAddress = App.GetEndpoint("api-listing", "http"), Timeout = TimeSpan.FromSeconds(30) };
        Redis = await ConnectionMultiplexer.ConnectAsync((await App.GetConnectionStringAsync("redis"))! + ",allowAdmin=true");
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        Redis.Dispose();
        await App.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SessionListingCollection : ICollectionFixture<SessionListingFixture>
{
    public const string Name = "session-listing";
}
