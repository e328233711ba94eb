using System.Globalization;

namespace Aspire.Sandbox.Bench.Relay;

/// <summary>
/// Memory per idle hub connection: a Web process of its own, warmed up, then <c>connections</c> hub connections
/// (WebSocket, handshake done, kept alive with pings); the growth of its resident memory, divided.
/// </summary>
public sealed class IdleConnectionsBenchmark(int connections)
{
    private const int WarmUpConnections = 200;
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    public async Task<IReadOnlyList<Row>> RunAsync(BusRig rig)
    {
        var limit = FileLimits.RaiseToHardLimit();
        if (limit < (ulong)connections + 1_000)
            return [new Row($"memory per idle hub connection ({connections:N0})", $"skipped: open-file limit {limit}", "—", "—", "≤ 20 KiB")];
        await using var web = await rig.StartAnotherWebAsync();
        var token = rig.ViewerToken("ses_idle");
        foreach (var warm in await ConnectAsync(web.Url, token, WarmUpConnections)) await warm.DisposeAsync();
        await Task.Delay(Settle);
        var before = web.Process.ResidentBytes();
        await HoldForProfilingAsync(web, "before the connections");

        var clients = await ConnectAsync(web.Url, token, connections);
        using var stop = new CancellationTokenSource();
        var pinging = PingAsync(clients, stop.Token);
        await Task.Delay(Settle);
        var after = web.Process.ResidentBytes();
        await HoldForProfilingAsync(web, "with the connections open");
        var open = clients.Count(c => !c.Receiving.IsCompleted);
        await stop.CancelAsync();
        await pinging;
        await Parallel.ForEachAsync(clients, new ParallelOptions { MaxDegreeOfParallelism = 256 }, async (c, _) => await c.DisposeAsync());

        var perConnection = (after - before) / (double)connections / 1024;
        Console.Error.WriteLine($"  idle: {connections} connections ({open} still open), web RSS {before / 1048576} → {after / 1048576} MiB");
        return
        [
            new Row($"memory per idle hub connection ({connections.ToString("N0", CultureInfo.InvariantCulture)} connected; web RSS growth)",
                perConnection.ToString("0.0", CultureInfo.InvariantCulture) + " KiB", "—", "—", "≤ 20 KiB"),
        ];
    }

    /// <summary>
    /// IDLE_HOLD_SECONDS=N waits N seconds after each reading (warmed up, then with the connections open), so the
    /// Web can be looked at in both states (dotnet-gcdump, dotnet-counters, /proc/&lt;pid&gt;/smaps). The reading is
    /// taken before the wait: a heap dump forces a full collection and would change the figure.
    /// </summary>
    private static async Task HoldForProfilingAsync(LocalWeb web, string state)
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable("IDLE_HOLD_SECONDS"), out var seconds) || seconds <= 0) return;
        Console.Error.WriteLine($"  idle: holding {seconds} s {state}, web pid {web.Process.Id}");
        await Task.Delay(TimeSpan.FromSeconds(seconds));
    }

    private static async Task<List<BenchHubClient>> ConnectAsync(Uri web, string token, int count)
    {
        var clients = new List<BenchHubClient>(count);
        var latencies = new LatencyHistogram();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (_, ct) =>
        {
            var client = await BenchHubClient.ConnectAsync(web, token, ct);
            client.StartReceiving(null, latencies);
            lock (clients) clients.Add(client);
        });
        return clients;
    }

    /// <summary>The server drops a client it has not heard from for 30 s; idle ones ping every 10 s.</summary>
    private static async Task PingAsync(List<BenchHubClient> clients, CancellationToken ct)
    {
        try
        {
            while (true)
            {
                await Task.Delay(TimeSpan.FromSeconds(10), ct);
                foreach (var client in clients) await client.PingAsync(ct);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or System.Net.WebSockets.WebSocketException)
        {
        }
    }
}
