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

// ServiceDefaults as a service uses it: a real Kestrel app, against the Redis container Aspire runs.
public class ServiceDefaultsTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task HealthFollowsRedisWhileAliveOnlySaysTheProcessIsUp()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var redisHost = TestApps.CreateBuilder();
        redisHost.AddRedis("redis").WithSandboxRedisImage();
        await using var redis = await redisHost.BuildAsync(cts.Token);
        await redis.StartAsync(cts.Token);
        await redis.ResourceNotifications.WaitForResourceHealthyAsync("redis", cts.Token);
        await using var service = await StartServiceAsync((await redis.GetConnectionStringAsync("redis", cts.Token))!, cts.Token);
        using var client = new HttpClient { BaseAddress = ServiceUrl(service) };

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health", cts.Token)).StatusCode);
        Assert.NotNull(service.Services.GetRequiredService<IConnectionMultiplexer>());

        await redis.StopAsync(cts.Token);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health", cts.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/alive", cts.Token)).StatusCode);
    }

    [Fact]
    public async Task HealthProbesAreLeftOutOfTraces()
    {
        using var cts = new CancellationTokenSource(Timeout);
        using var testSource = new ActivitySource("Aspire.Sandbox.Tests.ServiceDefaults");
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Microsoft.AspNetCore" || source == testSource,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var service = await StartServiceAsync("127.0.0.1:1", cts.Token);
        using var client = new HttpClient { BaseAddress = ServiceUrl(service) };

        // Each request in its own trace (HttpClient propagates it), so other tests' servers running in
        // parallel in this process cannot be mistaken for ours.
        var probe = await TracedGetAsync(client, testSource, "/alive", cts.Token);
        var request = await TracedGetAsync(client, testSource, "/hello", cts.Token);

        Assert.False((await ServerSpanAsync(stopped, probe, cts.Token)).Recorded);
        Assert.True((await ServerSpanAsync(stopped, request, cts.Token)).Recorded);
    }

    private static async Task<ActivityTraceId> TracedGetAsync(HttpClient client, ActivitySource source, string path, CancellationToken cancellationToken)
    {
        using var parent = source.StartActivity(path) ?? throw new InvalidOperationException("The test listener is not attached.");
        using var response = await client.GetAsync(path, cancellationToken);
        return parent.TraceId;
    }

    /// <summary>The server ends its span after the response has gone out, so the client can be a moment ahead of it.</summary>
    private static async Task<Activity> ServerSpanAsync(IEnumerable<Activity> stopped, ActivityTraceId traceId, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (stopped.SingleOrDefault(a => a.Source.Name == "Microsoft.AspNetCore" && a.TraceId == traceId) is { } span) return span;
            await Task.Delay(20, cancellationToken);
        }
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
