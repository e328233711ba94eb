using System.Net.Sockets;
using System.Text;
using Aspire.Hosting;
using Aspire.Hosting.Orchestration;
using Aspire.Hosting.Testing;
using Aspire.Sandbox.IntegrationTests.Bus;

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

    [Fact]
    public async Task WithADataDirectoryRedisKeepsItsDataThereAcrossApplications()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var parent = Directory.CreateTempSubdirectory("sbx-redis-data-test-").FullName;
        var dataDirectory = Path.Combine(parent, "redis-data");
        try
        {
            // Not test mode, and a declared port: the declared directory is used as it is, as in a local run.
            var port = FreePort.Next();
            await using (var first = await StartPersistentAsync(dataDirectory, port, cts.Token))
            {
                Assert.Equal(["appendonly", "yes"], await RespCommand.SendAsync(port, cts.Token, "CONFIG", "GET", "appendonly"));
                Assert.Equal(["appendfsync", "everysec"], await RespCommand.SendAsync(port, cts.Token, "CONFIG", "GET", "appendfsync"));
                Assert.Equal(["dir", dataDirectory], await RespCommand.SendAsync(port, cts.Token, "CONFIG", "GET", "dir"));
                await RespCommand.SendAsync(port, cts.Token, "SET", "kept", "across restarts");
            }

            await using (var second = await StartPersistentAsync(dataDirectory, port, cts.Token))
            {
                Assert.Equal(["across restarts"], await RespCommand.SendAsync(port, cts.Token, "GET", "kept"));
            }

            Assert.True(Directory.Exists(dataDirectory), "the data directory outlives the application");
        }
        finally
        {
            Directory.Delete(parent, recursive: true);
        }
    }

    [Fact]
    public async Task InTestsADataDirectoryIsATemporaryOneThatSurvivesRestartsAndGoesWithTheApplication()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var declared = Path.Combine(Path.GetTempPath(), $"sbx-never-created-{Guid.NewGuid():N}");
        var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddRedis("redis").WithDataDirectory(declared);
        string directory;
        await using (var app = builder.Build())
        {
            await app.StartAsync(cts.Token).WaitAsync(cts.Token);
            var port = app.GetEndpoint("redis", "tcp").Port;
            Assert.Equal(["appendonly", "yes"], await RespCommand.SendAsync(port, cts.Token, "CONFIG", "GET", "appendonly"));
            directory = (await RespCommand.SendAsync(port, cts.Token, "CONFIG", "GET", "dir"))[1];
            Assert.NotEqual(declared, directory);
            Assert.False(Directory.Exists(declared), "tests never touch the declared directory");
            await RespCommand.SendAsync(port, cts.Token, "SET", "kept", "across restarts");

            // A clean stop (SIGTERM, as an operator would): the resource restarts on the same directory.
            var before = Assert.Single(app.GetResourceSnapshots());
            Assert.Equal(0, NativeMethods.Kill(before.Pid!.Value, NativeMethods.SIGTERM));
            await WaitForAsync(app, s => s is { Restarts: 1, Health: ResourceHealthStatus.Healthy }, cts.Token);

            Assert.Equal(["across restarts"], await RespCommand.SendAsync(port, cts.Token, "GET", "kept"));
            Assert.Equal(["dir", directory], await RespCommand.SendAsync(port, cts.Token, "CONFIG", "GET", "dir"));
        }

        Assert.False(Directory.Exists(directory), $"{directory} is still there after the application stopped");
    }

    private static async Task<DistributedApplication> StartPersistentAsync(string dataDirectory, int port, CancellationToken cancellationToken)
    {
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions { DisableDashboard = true, WriteToConsole = false });
        builder.AddRedis("redis", port).WithDataDirectory(dataDirectory);
        var app = builder.Build();
        try
        {
            await app.StartAsync(cancellationToken).WaitAsync(cancellationToken);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
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
