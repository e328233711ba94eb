using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace Aspire.Sandbox.IntegrationTests.Support;

/// <summary>
/// The AppHost as a user runs it — <c>dotnet run --project AppHost</c> in a process group of its own, on free ports —
/// so a test can stop it the ways the outside world does: SIGTERM to the whole group, SIGKILL to the AppHost alone.
/// </summary>
public sealed class AppHostProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);
    private readonly Process _group;
    private readonly ConcurrentQueue<string> _output = new();

    private AppHostProcess(Process group, string apiKey, int apiPort) =>
        (_group, ApiKey, ApiUrl) = (group, apiKey, new Uri($"http://127.0.0.1:{apiPort}"));

    public string ApiKey { get; }
    public Uri ApiUrl { get; }

    /// <summary>Every line the AppHost (and <c>dotnet run</c>) wrote to stdout and stderr so far.</summary>
    public IEnumerable<string> Output => _output;

    /// <summary>The process group leader (<c>dotnet run</c>); the AppHost is its child.</summary>
    public int GroupId => _group.Id;

    public static async Task<AppHostProcess> StartAsync()
    {
        var apiKey = "sbx_lifecycle_" + Guid.NewGuid().ToString("N")[..12];
        var apiPort = FreePort.Next();
        var start = new ProcessStartInfo("setsid")
        {
            WorkingDirectory = ProjectOutput.RepoRoot(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "dotnet", "run", "--no-build", "-c", ProjectOutput.Configuration, "--project", "AppHost", "--no-launch-profile" })
            start.ArgumentList.Add(arg);
        start.Environment["SANDBOX_API_KEY"] = apiKey;
        start.Environment["API_PORT"] = apiPort.ToString(CultureInfo.InvariantCulture);
        start.Environment["WEB_PORT"] = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{FreePort.Next()}";
        start.Environment["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://127.0.0.1:{FreePort.Next()}";
        start.Environment["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true";
        start.Environment["ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS"] = "true";
        start.Environment["Redis__DataDirectory"] = Directory.CreateTempSubdirectory("sandbox-lifecycle-redis-").FullName;
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet run did not start");
        var host = new AppHostProcess(process, apiKey, apiPort);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) host._output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) host._output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await host.WaitUntilHealthyAsync();
        return host;
    }

    /// <summary>The AppHost itself (the child of <c>dotnet run</c>).</summary>
    public int AppHostPid => ProcessTree.Children(_group.Id).Single(pid => ProcessTree.CommandLine(pid).Contains("Aspire.Sandbox.AppHost", StringComparison.Ordinal));

    /// <summary>Everything DCP runs for this AppHost: DCP itself, the dashboard, the services (not containers).</summary>
    public IReadOnlyList<int> OrchestratedProcesses()
    {
        var monitor = $"--monitor {AppHostPid.ToString(CultureInfo.InvariantCulture)} ";
        var dcp = ProcessTree.All().Where(pid => ProcessTree.CommandLine(pid).Contains(monitor, StringComparison.Ordinal));
        return [.. dcp.SelectMany(ProcessTree.SelfAndDescendants)];
    }

    /// <summary>SIGTERM to the whole process group, as systemd's default stop or a CI harness does; waits for the group leader.</summary>
    public Task TerminateGroupAsync(TimeSpan timeout)
    {
        PosixSignals.TerminateGroup(_group.Id);
        return _group.WaitForExitAsync().WaitAsync(timeout);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_group.HasExited)
        {
            PosixSignals.TerminateGroup(_group.Id);
            try { await _group.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(90)); }
            catch (TimeoutException) { _group.Kill(entireProcessTree: true); }
        }
        _group.Dispose();
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < StartTimeout)
        {
            if (_group.HasExited) throw new InvalidOperationException($"the AppHost exited with {_group.ExitCode} while starting");
            try
            {
                if ((await http.GetAsync(new Uri(ApiUrl, "/health"))).IsSuccessStatusCode) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(500);
        }
        throw new TimeoutException($"the Api did not become healthy within {StartTimeout}");
    }
}
