using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Aspire.Sandbox.IntegrationTests.Hosting;

/// <summary>The AppHost's Redis: Aspire's container resource, from the configured image, with an append-only file.</summary>
public class RedisResourceTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task RedisAppendsEverySecondAndKeepsItsDataAcrossARestart()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var builder = TestApps.CreateBuilder();
        builder.AddRedis("redis").WithSandboxRedisImage().WithAppendOnlyPersistence();
        await using var app = await builder.BuildAsync(cts.Token);
        await app.StartAsync(cts.Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("redis", cts.Token);

        await using (var redis = await ConnectionMultiplexer.ConnectAsync((await app.GetConnectionStringAsync("redis", cts.Token))! + ",allowAdmin=true"))
        {
            var server = redis.GetServers().Single();
            Assert.Equal("yes", (await server.ConfigGetAsync("appendonly")).Single().Value);
            Assert.Equal("everysec", (await server.ConfigGetAsync("appendfsync")).Single().Value);
            await redis.GetDatabase().StringSetAsync("kept", "across restarts");
            await Task.Delay(TimeSpan.FromSeconds(1.5), cts.Token); // one fsync period
        }

        var commands = app.Services.GetRequiredService<ResourceCommandService>();
        var restarted = await commands.ExecuteCommandAsync("redis", KnownResourceCommands.RestartCommand, cts.Token);
        Assert.True(restarted.Success, restarted.Message);
        // The command returns once the stop is done and the start asked for: the "Exited" in between is not a failure.
        await app.ResourceNotifications.WaitForResourceAsync("redis", e =>
            e.Snapshot.State?.Text == KnownResourceStates.Running && e.Snapshot.HealthStatus == HealthStatus.Healthy, cts.Token);

        await using var again = await ConnectionMultiplexer.ConnectAsync((await app.GetConnectionStringAsync("redis", cts.Token))!);
        Assert.Equal("across restarts", (string?)await again.GetDatabase().StringGetAsync("kept"));
    }
}
