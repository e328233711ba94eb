using System.Diagnostics;
using System.Globalization;
using Aspire.Sandbox.Contracts.Redis;

namespace Aspire.Sandbox.Bench.Relay;

/// <summary>
/// The relay path — frames injected at the worker's publisher → Redis → Web → N hub viewers — over a matrix of
/// rates and viewer counts, each cell beside its floor measured right after it: the same frames read by bare
/// Redis subscribers (one per viewer) on the same Redis. Viewers run in this process, the Web in its own.
/// </summary>
public sealed class RelayBenchmark(TimeSpan window)
{
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan DrainQuiet = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Bounded to what two cores can carry with viewers, Web and Redis on the same machine: up to a million
    /// deliveries a second (10 000 × 1 000, 50 000 × 100 and 50 000 × 1 000 are left out).
    /// </summary>
    public static readonly IReadOnlyList<MatrixCell> Matrix =
    [
        new(1_000, 1, 1),
        new(1_000, 1, 10, "p50 ≤ 2 ms, p99 ≤ 10 ms (whole path)"),
        new(1_000, 1, 100),
        new(1_000, 1, 1_000, "no loss, p99 ≤ 50 ms"),
        new(10_000, 1, 1),
        new(10_000, 1, 100, "lossless at 1 M deliveries/s"),
        new(50_000, 1, 1),
        new(50_000, 50, 1, "≥ 50 000 delivered/s, no loss"),
    ];

    private readonly BenchViewers _viewers = BenchViewers.FromEnvironment();

    public async Task<IReadOnlyList<Row>> RunAsync(BusRig rig)
    {
        var rows = new List<Row>();
        // RELAY_CELLS=0,3 runs only those cells of the matrix (while profiling one of them, say).
        var only = Environment.GetEnvironmentVariable("RELAY_CELLS")?.Split(',').Select(int.Parse).ToHashSet();
        foreach (var cell in Matrix.Where((_, i) => only is null || only.Contains(i)))
        {
            var ours = await RunCellAsync(rig, cell, hub: true);
            Console.Error.WriteLine($"  relay {cell}: {ours.Summary} [{ours.Cpu}]");
            var floor = await RunCellAsync(rig, cell, hub: false);
            Console.Error.WriteLine($"  floor {cell}: {floor.Summary} [{floor.Cpu}]");
            rows.Add(new Row($"relay {cell}", ours.Summary, $"{floor.Latency}; lost {floor.Lost}", Ratios(ours, floor), cell.Target ?? "—"));
        }
        return rows;
    }

    private async Task<CellResult> RunCellAsync(BusRig rig, MatrixCell cell, bool hub)
    {
        var sessions = Enumerable.Range(0, cell.Sessions).Select(_ => $"ses_bench_{Guid.NewGuid():N}").ToArray();
        var latencies = new LatencyHistogram();
        Window? current = null;
        var receivers = new List<(ReceiverStats Stats, int Session, IAsyncDisposable Client)>();
        var clientMemory = ClientMemory.Measure();
        await Parallel.ForEachAsync(Enumerable.Range(0, cell.Viewers), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (viewer, ct) =>
        {
            var session = viewer % cell.Sessions;
            (ReceiverStats, IAsyncDisposable) receiver;
            if (hub && _viewers.Official)
            {
                var official = await OfficialBenchViewer.ConnectAsync(rig.Web.Url, rig.ViewerToken(sessions[session]), _viewers.Protocol, latencies, () => Volatile.Read(ref current), ct);
                await official.SubscribeAsync(sessions[session], null, ct);
                receiver = (official.Stats, official);
            }
            else if (hub)
            {
                var client = await BenchHubClient.ConnectAsync(rig.Web.Url, rig.ViewerToken(sessions[session]), ct);
                client.StartReceiving(null, latencies, () => Volatile.Read(ref current));
                await client.SubscribeAsync(sessions[session], null, ct);
                receiver = (client.Stats, client);
            }
            else
            {
                var subscriber = await RespSubscriber.SubscribeAsync(rig.Redis.Port, [(string)RedisKeys.LiveChannel(sessions[session])!], () => Volatile.Read(ref current), latencies);
                receiver = (subscriber.Stats, subscriber);
            }
            lock (receivers) receivers.Add((receiver.Item1, session, receiver.Item2));
        });

        var perViewer = clientMemory(cell.Viewers);
        var start = Clock.NowMicros();
        var measured = new Window(start + (long)Warmup.TotalMicroseconds, start + (long)(Warmup + window).TotalMicroseconds);
        Volatile.Write(ref current, measured);
        var cpuBefore = rig.Web.Process.CpuSeconds();
        var sentBefore = SocketBytes.SentFrom(rig.Web.Url.Port);
        var shares = CpuShares.Measure(rig.Redis.Process);
        var clock = Stopwatch.StartNew();
        var inWindow = await FrameInjector.RunAsync(rig.Publisher, sessions, cell.Rate, Warmup + window, measured);
        var cpu = (rig.Web.Process.CpuSeconds() - cpuBefore) / clock.Elapsed.TotalSeconds * 100;
        var machine = shares();
        var rss = rig.Web.Process.ResidentBytes();
        await rig.Publisher.FlushAsync(CancellationToken.None);

        var expected = receivers.Sum(r => inWindow[r.Session]);
        await DrainAsync(receivers.Select(r => r.Stats).ToList(), expected);
        // What the Web sent its viewers on the wire per frame delivered, framing included.
        var deliveries = cell.Rate * (Warmup + window).TotalSeconds * cell.ViewersPerSession;
        if (hub) Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  ({_viewers}) web sent {(SocketBytes.SentFrom(rig.Web.Url.Port) - sentBefore) / deliveries:0} bytes per frame delivered; client {perViewer}"));
        var result = CellResult.From(latencies, receivers.Select(r => r.Stats), expected, measured, hub ? cpu : null, hub ? rss : null, machine);
        await Parallel.ForEachAsync(receivers, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (r, _) => await r.Client.DisposeAsync());
        return result;
    }

    /// <summary>Waits for the window's frames to arrive everywhere, or for arrivals to stop.</summary>
    private static async Task DrainAsync(List<ReceiverStats> receivers, long expected)
    {
        var limit = Stopwatch.StartNew();
        var quiet = Stopwatch.StartNew();
        var last = -1L;
        while (limit.Elapsed < DrainLimit && quiet.Elapsed < DrainQuiet)
        {
            var delivered = receivers.Sum(r => r.InWindow);
            if (delivered >= expected) return;
            if (delivered != last) quiet.Restart();
            last = delivered;
            await Task.Delay(100);
        }
    }

    private static string Ratios(CellResult ours, CellResult floor) =>
        $"p50 {Ratio(ours.P50Ms, floor.P50Ms)}, p99 {Ratio(ours.P99Ms, floor.P99Ms)}";

    public static string Ratio(double ours, double floor) =>
        floor > 0 && !double.IsNaN(ours) ? (ours / floor).ToString("0.0", CultureInfo.InvariantCulture) + "×" : "—";
}
