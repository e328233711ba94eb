using System.Diagnostics;
using StackExchange.Redis;

namespace Aspire.Sandbox.IntegrationTests.Bus;

/// <summary>
/// A redis-server this test started itself (127.0.0.1, a free port, its own directory), with AOF
/// (<c>appendfsync everysec</c>) so a restart keeps the streams, as a deployment would run it.
/// </summary>
public sealed class RedisServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);
    private readonly string _directory = Directory.CreateTempSubdirectory("sbx-bus-redis-").FullName;
    private Process? _process;

    public int Port { get; } = FreePort.Next();

    /// <summary>For StackExchange.Redis in the test: admin commands allowed (SCRIPT FLUSH, CLIENT KILL).</summary>
    public string ConnectionString => $"127.0.0.1:{Port},abortConnect=false,allowAdmin=true,syncTimeout=10000";

    /// <summary>What a service gets as ConnectionStrings__redis.</summary>
    public string ServiceConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RedisServerProcess> StartAsync()
    {
        var server = new RedisServerProcess();
        await server.StartServerAsync();
        return server;
    }

    public Task<ConnectionMultiplexer> ConnectAsync() => ConnectionMultiplexer.ConnectAsync(ConnectionString);

    public async Task StartServerAsync()
    {
        var info = new ProcessStartInfo("redis-server")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "yes",
                     "--appendfsync", "everysec", "--dir", _directory, "--protected-mode", "yes" })
            info.ArgumentList.Add(arg);
        _process = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var probe = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{Port},abortConnect=true,connectTimeout=500");
                await probe.GetDatabase().PingAsync();
                return;
            }
            catch (Exception e) when (deadline.Elapsed < StartTimeout && (e is RedisConnectionException || e.Message.StartsWith("LOADING", StringComparison.Ordinal)))
            {
                // LOADING: a restarted Redis answers while it replays its append-only file.
                await Task.Delay(50);
            }
        }
    }

    /// <summary>A clean stop: Redis writes its AOF and exits (what a restart by an operator does).</summary>
    public async Task StopServerAsync()
    {
        if (_process is null || _process.HasExited) return;
        using var stop = Process.Start(new ProcessStartInfo("redis-cli", $"-p {Port} shutdown") { RedirectStandardOutput = true, RedirectStandardError = true })!;
        await stop.WaitForExitAsync();
        await _process.WaitForExitAsync().WaitAsync(StartTimeout);
    }

    public async Task RestartAsync(TimeSpan downtime)
    {
        await StopServerAsync();
        await Task.Delay(downtime);
        await StartServerAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        try { Directory.Delete(_directory, recursive: true); }
        catch (IOException) { }
    }
}
