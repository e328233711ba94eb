using System.Diagnostics;
using Aspire.Sandbox.TestSupport;
using Aspire.Sandbox.Worker.Sandboxes;

namespace Aspire.Sandbox.Bench.Relay;

/// <summary>
/// The whole path: an agent in a real sandbox printing stamped lines at a set rate → worker → Redis → Web →
/// viewers, through the app started in-process; floor: the same program read straight from <c>docker exec</c>.
/// </summary>
public sealed class WholePathBenchmark(int rate, TimeSpan duration, int viewers)
{
    private static readonly TimeSpan FrameTimeout = TimeSpan.FromSeconds(60);

    public async Task<IReadOnlyList<Row>> RunAsync()
    {
        await using var app = await SandboxApp.StartAsync([]);
        using var http = new HttpClient { BaseAddress = app.ApiUrl };
        var api = new SandboxApiClient(http, app.ApiKey);
        var session = await api.CreateSessionAsync(new { template = "shell" }, CancellationToken.None);

        var ours = new LatencyHistogram();
        var toWorker = new LatencyHistogram();
        var toViewer = new LatencyHistogram();
        var clients = new List<(BenchHubClient Client, TaskCompletionSource Ready, TaskCompletionSource Exited)>();
        for (var i = 0; i < viewers; i++)
        {
            var client = await BenchHubClient.ConnectAsync(app.WebUrl, session.ViewerToken, CancellationToken.None);
            var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var exited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            client.OnFrames = (record, now) =>
            {
                if (record.IndexOf("\"type\":\"ready\""u8) >= 0) ready.TrySetResult();
                if (record.IndexOf("\"type\":\"stdout\""u8) >= 0) LinePrinter.RecordSplit(record, now, ours, toWorker, toViewer);
                if (record.IndexOf("\"type\":\"process-exit\""u8) >= 0) exited.TrySetResult();
            };
            client.StartReceiving(null, ours);
            await client.SubscribeAsync(session.Id, null, CancellationToken.None);
            clients.Add((client, ready, exited));
        }
        await Task.WhenAll(clients.Select(c => c.Ready.Task)).WaitAsync(FrameTimeout);
        await api.RunAsync(session, new { command = LinePrinter.Command(rate, duration) }, CancellationToken.None);
        await Task.WhenAll(clients.Select(c => c.Exited.Task)).WaitAsync(duration + FrameTimeout);
        foreach (var (client, _, _) in clients) await client.DisposeAsync();

        var floor = await DockerExecAsync(session.Id);
        var expected = (long)(rate * duration.TotalSeconds);
        Console.Error.WriteLine($"  whole path: {ours.Count} of {expected * viewers} lines; docker exec: {floor.Count} of {expected}; " +
            $"sandbox → worker p50 {CellResult.F(toWorker.PercentileMs(0.5))} / p99 {CellResult.F(toWorker.PercentileMs(0.99))} ms, " +
            $"worker → viewer p50 {CellResult.F(toViewer.PercentileMs(0.5))} / p99 {CellResult.F(toViewer.PercentileMs(0.99))} ms");
        return
        [
            new Row($"whole path: sandbox agent {rate:N0} lines/s → {viewers} viewers",
                $"p50 {CellResult.F(ours.PercentileMs(0.5))} / p99 {CellResult.F(ours.PercentileMs(0.99))} / max {CellResult.F(ours.MaxMs)} ms; lost {expected * viewers - ours.Count}",
                $"p50 {CellResult.F(floor.PercentileMs(0.5))} / p99 {CellResult.F(floor.PercentileMs(0.99))} / max {CellResult.F(floor.MaxMs)} ms (docker exec)",
                $"p50 {RelayBenchmark.Ratio(ours.PercentileMs(0.5), floor.PercentileMs(0.5))}, p99 {RelayBenchmark.Ratio(ours.PercentileMs(0.99), floor.PercentileMs(0.99))}",
                "p50 ≤ 2 ms, p99 ≤ 10 ms"),
        ];
    }

    /// <summary>The same program in the same container, its lines read from the docker CLI's stdout as they come.</summary>
    private async Task<LatencyHistogram> DockerExecAsync(string sessionId)
    {
        var container = (await DockerOutputAsync("ps", "-q", "--filter", $"label={SandboxLabels.Session}={sessionId}")).Trim();
        var latencies = new LatencyHistogram();
        var info = new ProcessStartInfo("docker") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])["exec", container, .. LinePrinter.Command(rate, duration)]) info.ArgumentList.Add(arg);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("docker exec did not start");
        while (await process.StandardOutput.ReadLineAsync() is { } line)
            LinePrinter.Record(System.Text.Encoding.ASCII.GetBytes(line + " "), Clock.NowMicros(), latencies);
        await process.WaitForExitAsync();
        return latencies;
    }

    private static async Task<string> DockerOutputAsync(params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo("docker", arguments) { RedirectStandardOutput = true }) ?? throw new InvalidOperationException("docker did not start");
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output;
    }
}
