using System.Net.Sockets;
using System.Text;
using Aspire.Hosting;
using Aspire.Hosting.Testing;

namespace Aspire.Sandbox.IntegrationTests.Hosting;

// Real redis-server processes started and stopped by the hosting library.
public class RedisResourceTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task RedisStartsOnALoopbackPortAndAnswersPing()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddRedis("redis");
        await using var app = builder.Build();

        await app.StartAsync(cts.Token).WaitAsync(cts.Token);

        var snapshot = Assert.Single(app.GetResourceSnapshots());
        Assert.Equal((KnownResourceStates.Running, ResourceHealthStatus.Healthy), (snapshot.State, snapshot.Health));
        var endpoint = app.GetEndpoint("redis", "tcp");
        Assert.Equal($"127.0.0.1:{endpoint.Port}", app.GetConnectionString("redis"));
        Assert.Equal("+PONG", await PingAsync(endpoint.Port, cts.Token));
    }

    [Fact]
    public async Task DisposingStopsEveryChildAndLeavesNoProcessBehind()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var builder = DistributedApplicationTestingBuilder.Create();
        var first = builder.AddRedis("redis-a");
        builder.AddRedis("redis-b").WaitFor(first);
        var app = builder.Build();
        int[] pids;
        try
        {
            await app.StartAsync(cts.Token).WaitAsync(cts.Token);
            pids = [.. app.GetResourceSnapshots().Select(s => s.Pid!.Value)];
            Assert.Equal(2, pids.Length);
            Assert.All(pids, pid => Assert.True(ProcessProbe.Exists(pid)));
        }
        finally
        {
            await app.DisposeAsync().AsTask().WaitAsync(cts.Token);
        }

        Assert.All(pids, pid => Assert.False(ProcessProbe.Exists(pid), $"process {pid} is still there"));
        Assert.All(app.GetResourceSnapshots(), s => Assert.Equal(KnownResourceStates.Finished, s.State));
    }

    [Fact]
    public async Task AResourceThatDiesIsRestarted()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddRedis("redis");
        await using var app = builder.Build();
        await app.StartAsync(cts.Token).WaitAsync(cts.Token);
        var before = Assert.Single(app.GetResourceSnapshots());

        System.Diagnostics.Process.GetProcessById(before.Pid!.Value).Kill();
        var after = await WaitForAsync(app, s => s is { Restarts: 1, Health: ResourceHealthStatus.Healthy }, cts.Token);

        Assert.NotEqual(before.Pid, after.Pid);
        Assert.Equal("+PONG", await PingAsync(app.GetEndpoint("redis", "tcp").Port, cts.Token));
        Assert.Contains(app.GetLogs("redis"), line => line.Source == "apphost" && line.Text.Contains("exited", StringComparison.Ordinal));
    }

    private static async Task<ResourceSnapshot> WaitForAsync(DistributedApplication app, Func<ResourceSnapshot, bool> condition, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (app.GetResourceSnapshots().FirstOrDefault(condition) is { } snapshot)
            {
                return snapshot;
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    private static async Task<string> PingAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port, cancellationToken);
        var stream = client.GetStream();
        await stream.WriteAsync("PING\r\n"u8.ToArray(), cancellationToken);
        var buffer = new byte[16];
        var read = await stream.ReadAsync(buffer, cancellationToken);
        return Encoding.ASCII.GetString(buffer, 0, read).TrimEnd();
    }
}
