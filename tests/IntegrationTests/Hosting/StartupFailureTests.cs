using Aspire.Hosting;
using Aspire.Hosting.Testing;

namespace Aspire.Sandbox.IntegrationTests.Hosting;

public class StartupFailureTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task WhatWaitsForAResourceThatFailsToStartNeverStarts()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var builder = DistributedApplicationTestingBuilder.Create();
        var broken = builder.AddProject("api", new MissingProject());
        builder.AddRedis("redis").WaitFor(broken);
        await using var app = builder.Build();

        var error = await Assert.ThrowsAsync<DistributedApplicationException>(() => app.StartAsync(cts.Token).WaitAsync(cts.Token));

        Assert.Contains("'api' failed to start", error.Message, StringComparison.Ordinal);
        Assert.Contains("is not built", error.Message, StringComparison.Ordinal);
        var redis = app.GetResourceSnapshots().Single(s => s.Name == "redis");
        Assert.Equal(KnownResourceStates.FailedToStart, redis.State);
        Assert.Null(redis.Pid);
        Assert.DoesNotContain(app.GetLogs("redis"), line => line.Source == "redis");
    }

    [Fact]
    public async Task AMissingExecutableIsReportedWithTheFix()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var builder = DistributedApplicationTestingBuilder.Create("--AppHost:RedisServerPath=/nonexistent/redis-server");
        builder.AddRedis("redis");
        await using var app = builder.Build();

        var error = await Assert.ThrowsAsync<DistributedApplicationException>(() => app.StartAsync(cts.Token).WaitAsync(cts.Token));

        Assert.Contains("/nonexistent/redis-server", error.Message, StringComparison.Ordinal);
    }

    private sealed class MissingProject : IProjectMetadata
    {
        public string ProjectPath => "/nonexistent/Missing/Missing.csproj";

        public string AssemblyPath => "/nonexistent/Missing/bin/Missing.dll";
    }
}
