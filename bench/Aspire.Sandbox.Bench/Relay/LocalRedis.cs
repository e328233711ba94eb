using System.Diagnostics;
using StackExchange.Redis;

namespace Aspire.Sandbox.Bench.Relay;

/// <summary>A redis-server of the benchmark's own on a free loopback port, in memory only.</summary>
public sealed class LocalRedis : IAsyncDisposable
{
    private LocalRedis(ChildProcess process, int port) => (Process, Port) = (process, port);

    public ChildProcess Process { get; }
    public int Port { get; }
    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<LocalRedis> StartAsync()
    {
        var port = LocalPorts.Free();
        var info = new ProcessStartInfo("redis-server");
        foreach (var arg in new[] { "--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" }) info.ArgumentList.Add(arg);
        var redis = new LocalRedis(ChildProcess.Start(info), port);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var probe = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{port},connectTimeout=500");
                return redis;
            }
            catch (RedisConnectionException) when (attempt < 100)
            {
                await Task.Delay(50);
            }
        }
    }

    public ValueTask DisposeAsync() => Process.DisposeAsync();
}
