using System.Diagnostics;
using Aspire.Sandbox.TestSupport;
using Aspire.Sandbox.Worker.Docker;
using Aspire.Sandbox.Worker.Engine;

namespace Aspire.Sandbox.Bench;

/// <summary>
/// Sandbox figures of DESIGN §7, through the whole app started in-process: app start, session
/// start (POST → ready), run start (POST run → first stdout frame) and terminal keystroke echo,
/// each beside its floor measured in the same run (docker CLI and the Worker's engine, Docker.DotNet).
/// </summary>
public sealed class SandboxBenchmark(int samples, string image)
{
    private static readonly TimeSpan FrameTimeout = TimeSpan.FromSeconds(60);

    public async Task<IReadOnlyList<Row>> RunAsync()
    {
        var floors = await MeasureFloorsAsync();

        var appStart = Stopwatch.GetTimestamp();
        await using var app = await SandboxApp.StartAsync([]);
        var appStartup = Stopwatch.GetElapsedTime(appStart);
        using var http = new HttpClient { BaseAddress = app.ApiUrl };
        var api = new SandboxApiClient(http, app.ApiKey);
        var web = app.WebUrl;

        var sessionStart = new Samples("session start");
        var runStart = new Samples("run start");
        for (var i = 0; i < samples; i++)
        {
            var posted = Stopwatch.GetTimestamp();
            var session = await api.CreateSessionAsync(new { template = "shell" }, CancellationToken.None);
            await using var hub = await HubViewer.ConnectAsync(web, session.Token, CancellationToken.None);
            await hub.SubscribeAsync(session.Id, null, CancellationToken.None);
            var ready = await hub.ReadUntilAsync(f => f.Type is "ready" or "error", FrameTimeout);
            sessionStart.Add(Stopwatch.GetElapsedTime(posted, ready[^1].ArrivalTimestamp));

            var runPosted = Stopwatch.GetTimestamp();
            await api.RunAsync(session, new { command = new[] { "echo", "hi" } }, CancellationToken.None);
            var first = await hub.ReadUntilAsync(f => f.Type == "stdout", FrameTimeout);
            runStart.Add(Stopwatch.GetElapsedTime(runPosted, first[^1].ArrivalTimestamp));
        }
        var echo = await MeasureKeystrokeEchoAsync(api, web);

        return
        [
            new("whole app start (AppHost → every resource healthy)", Samples.Ms(appStartup.TotalMilliseconds), "—", "—", "—"),
            Row.Versus("session start, POST → ready (p50)", sessionStart, floors.DockerRun, "≤ floor + 150 ms"),
            Row.Versus("run start, POST run → first stdout frame (p50)", runStart, floors.EngineExec, "≤ floor + 50 ms"),
            Row.Versus("run start vs docker exec CLI (p50)", runStart, floors.CliExec, "—"),
            new("terminal keystroke echo, hub → PTY → hub", $"p50 {Samples.Ms(echo.Median)}, p99 {Samples.Ms(echo.Percentile(0.99))}", "—", "—", "p99 ≤ 20 ms"),
        ];
    }

    private async Task<(Samples DockerRun, Samples EngineExec, Samples CliExec)> MeasureFloorsAsync()
    {
        var dockerRun = new Samples("docker run --rm --network none");
        for (var i = 0; i < samples; i++) dockerRun.Add(await DockerCli.TimeAsync("run", "--rm", "--network", "none", image, "true"));

        using var docker = new DockerSandboxEngine(DockerEngineOptions.FromEnvironment());
        var id = await docker.CreateContainerAsync(new SandboxContainerDefinition
        {
            Name = $"aspire-sandbox-bench-{Guid.NewGuid():N}", Image = image, Command = ["sleep", "infinity"], User = "1000:1000",
            Labels = new Dictionary<string, string> { ["aspire-sandbox.bench"] = "1" },
            MemoryBytes = 512L * 1024 * 1024, PidsLimit = 256, Cpus = 1,
        }, CancellationToken.None);
        var engineExec = new Samples("engine exec → first stdout byte");
        var cliExec = new Samples("docker exec CLI");
        try
        {
            await docker.StartContainerAsync(id, CancellationToken.None);
            for (var i = 0; i < samples; i++)
            {
                var start = Stopwatch.GetTimestamp();
                var exec = await docker.CreateExecAsync(id, new ExecDefinition { Command = ["echo", "hi"] }, CancellationToken.None);
                await using (var stream = await docker.StartExecAsync(exec, tty: false, CancellationToken.None))
                {
                    await stream.ReadAsync(CancellationToken.None);
                    engineExec.Add(Stopwatch.GetElapsedTime(start));
                    while (await stream.ReadAsync(CancellationToken.None) is not null) { }
                }
                cliExec.Add(await DockerCli.TimeAsync("exec", id, "echo", "hi"));
            }
        }
        finally
        {
            await docker.RemoveContainerAsync(id, CancellationToken.None);
        }
        return (dockerRun, engineExec, cliExec);
    }

    private async Task<Samples> MeasureKeystrokeEchoAsync(SandboxApiClient api, Uri web)
    {
        var echo = new Samples("keystroke echo");
        var session = await api.CreateSessionAsync(new { template = "terminal" }, CancellationToken.None);
        await using var hub = await HubViewer.ConnectAsync(web, session.Token, CancellationToken.None);
        await hub.SubscribeAsync(session.Id, null, CancellationToken.None);
        await hub.ReadUntilAsync(f => f.Type == "ready", FrameTimeout);
        await api.RunAsync(session, new { }, CancellationToken.None);
        await hub.ReadUntilAsync(f => f.Type == "terminal" && f.Text("data").Contains('$'), FrameTimeout);
        for (var i = 0; i < samples * 5; i++)
        {
            var key = ((char)('a' + i % 26)).ToString();
            var sent = Stopwatch.GetTimestamp();
            await hub.InvokeAsync("SendInput", [session.Id, key], CancellationToken.None);
            var echoed = await hub.ReadUntilAsync(f => f.Type == "terminal" && f.Text("data").Contains(key), FrameTimeout);
            echo.Add(Stopwatch.GetElapsedTime(sent, echoed[^1].ArrivalTimestamp));
        }
        await hub.InvokeAsync("SendInput", [session.Id, "\u0003exit\n"], CancellationToken.None);
        return echo;
    }
}

/// <summary>One line of the benchmark table.</summary>
public sealed record Row(string Figure, string Ours, string Floor, string Ratio, string Target)
{
    public static Row Versus(string figure, Samples ours, Samples floor, string target) =>
        new(figure, Samples.Ms(ours.Median), $"{Samples.Ms(floor.Median)} ({floor.Name})",
            (ours.Median / floor.Median).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + "×", target);
}
