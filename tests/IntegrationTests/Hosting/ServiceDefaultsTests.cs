using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using IServer = Microsoft.AspNetCore.Hosting.Server.IServer;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Aspire.Sandbox.IntegrationTests.Hosting;

// ServiceDefaults as a service uses it: a real Kestrel app, against a Redis started by the hosting library.
public class ServiceDefaultsTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task HealthFollowsRedisWhileAliveOnlySaysTheProcessIsUp()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var redisHost = DistributedApplicationTestingBuilder.Create();
        redisHost.AddRedis("redis");
        await using var redis = redisHost.Build();
        await redis.StartAsync(cts.Token).WaitAsync(cts.Token);
        await using var service = await StartServiceAsync(redis.GetConnectionString("redis"), cts.Token);
        using var client = new HttpClient { BaseAddress = ServiceUrl(service) };

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health", cts.Token)).StatusCode);
        Assert.NotNull(service.Services.GetRequiredService<IConnectionMultiplexer>());

        await redis.StopAsync(cts.Token).WaitAsync(cts.Token);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health", cts.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/alive", cts.Token)).StatusCode);
    }

    [Fact]
    public async Task HealthProbesAreLeftOutOfTraces()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var stopped = new ConcurrentQueue<(string Path, bool Recorded)>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => stopped.Enqueue((activity.GetTagItem("url.path") as string ?? "?", activity.Recorded)),
        };
        ActivitySource.AddActivityListener(listener);
        await using var service = await StartServiceAsync("127.0.0.1:1", cts.Token);
        using var client = new HttpClient { BaseAddress = ServiceUrl(service) };

        await client.GetAsync("/alive", cts.Token);
        await client.GetAsync("/hello", cts.Token);

        // Requests are sequential, so spans stop in the same order.
        Assert.Equal([false, true], stopped.Select(s => s.Recorded));
    }

    private static async Task<WebApplication> StartServiceAsync(string redisConnectionString, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration["ConnectionStrings:redis"] = redisConnectionString;
        builder.AddServiceDefaults();
        builder.AddRedisClient("redis");
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapGet("/hello", () => "hello");
        await app.StartAsync(cancellationToken);
        return app;
    }

    private static Uri ServiceUrl(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
}
