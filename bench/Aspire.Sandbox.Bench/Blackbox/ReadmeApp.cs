using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Aspire.Sandbox.TestSupport;

namespace Aspire.Sandbox.Bench.Blackbox;

/// <summary>
/// The app as the README starts it — <c>bash scripts/start.sh</c> in a process group of its own, with a random
/// <c>SANDBOX_API_KEY</c>, ready when the Web's and the Api's <c>/health</c> answer — and stopped the way the README
/// says: SIGTERM to the AppHost, then a check that no process it ran and no container it made is left. Or, when
/// <c>BLACKBOX_WEB</c>, <c>BLACKBOX_API</c> and <c>SANDBOX_API_KEY</c> are set, an app already running there, left alone.
/// </summary>
public sealed class ReadmeApp : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(120);
    private const string CreatorLabel = "com.microsoft.developer.usvc-dev.creatorProcessId"; // DCP's, on the containers it runs
    private readonly Process? _group;
    private readonly StreamWriter? _log;
    private readonly List<string> _sessions = [];
    private IReadOnlyList<ProcessTable.Entry> _processes = [];
    private IReadOnlyList<string> _containers = [];
    private ProcessTable.Entry? _appHost;

    private ReadmeApp(Uri web, Uri api, string apiKey, Process? group, StreamWriter? log, string? logPath) =>
        (WebUrl, ApiUrl, ApiKey, _group, _log, LogPath) = (web, api, apiKey, group, log, logPath);

    public Uri WebUrl { get; }
    public Uri ApiUrl { get; }
    public string ApiKey { get; }
    public string? LogPath { get; }
    public bool StartedHere => _group is not null;
    public TimeSpan StartTime { get; private set; }

    /// <summary>After <see cref="DisposeAsync"/> of an app started here: how it stopped and what it left.</summary>
    public string? StopReport { get; private set; }
    public bool StoppedClean { get; private set; }

    public static async Task<ReadmeApp> StartOrAttachAsync()
    {
        if (Environment.GetEnvironmentVariable("BLACKBOX_WEB") is { Length: > 0 } web
            && Environment.GetEnvironmentVariable("BLACKBOX_API") is { Length: > 0 } api
            && Environment.GetEnvironmentVariable("SANDBOX_API_KEY") is { Length: > 0 } key)
        {
            var attached = new ReadmeApp(new Uri(web), new Uri(api), key, null, null, null);
            await attached.WaitUntilHealthyAsync(TimeSpan.FromSeconds(10));
            return attached;
        }
        return await StartAsync();
    }

    /// <summary>The processes this app runs (AppHost, DCP, services) and the first process of each container DCP runs for it (Redis).</summary>
    public async Task<IReadOnlyList<int>> ProcessRootsAsync()
    {
        var roots = _processes.Select(p => p.Pid).ToList();
        foreach (var container in _containers)
        {
            try
            {
                if (int.TryParse((await DockerOutput.RunAsync("inspect", "-f", "{{.State.Pid}}", container)).Trim(), CultureInfo.InvariantCulture, out var pid) && pid > 0)
                    roots.Add(pid);
            }
            catch (InvalidOperationException)
            {
                // gone
            }
        }
        return roots;
    }

    /// <summary>Sessions whose containers must be gone after the stop.</summary>
    public void Track(string sessionId) => _sessions.Add(sessionId);

    private static async Task<ReadmeApp> StartAsync()
    {
        var webPort = Port("WEB_PORT", 5080);
        var apiPort = Port("API_PORT", 5081);
        // The dashboard's ports (launch profile: 18888, OTLP 18889 / 18890, resource service 18891) move together when
        // DASHBOARD_PORT is set, so the bench can run beside someone's app on the default ports.
        var dashboardPort = Port("DASHBOARD_PORT", 18888);
        string[] dashboardArgs = dashboardPort == 18888 ? [] :
        [
            $"--ASPNETCORE_URLS=http://127.0.0.1:{dashboardPort}",
            $"--ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL=http://127.0.0.1:{dashboardPort + 1}",
            $"--ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL=http://127.0.0.1:{dashboardPort + 2}",
            $"--ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL=http://127.0.0.1:{dashboardPort + 3}",
        ];
        foreach (var (port, what) in new[] { (webPort, "Web"), (apiPort, "Api"), (dashboardPort, "dashboard"), (dashboardPort + 1, "dashboard OTLP"), (dashboardPort + 3, "resource service") })
            if (await ListeningAsync(port))
                throw new InvalidOperationException($"127.0.0.1:{port} ({what}) is in use: is someone's app running? Measure it with " +
                    "BLACKBOX_WEB, BLACKBOX_API and SANDBOX_API_KEY set, or wait until it has stopped (nothing was started or stopped here).");

        var containersBefore = (await DockerOutput.ContainersAsync()).ToHashSet();
        var apiKey = "sbx_blackbox_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        var logPath = Path.Combine(Path.GetTempPath(), $"blackbox-apphost-{Environment.ProcessId}.log");
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var info = new ProcessStartInfo("setsid")
        {
            WorkingDirectory = ProjectOutput.RepoRoot(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "bash", "scripts/start.sh" }.Concat(dashboardArgs)) info.ArgumentList.Add(arg);
        info.Environment["SANDBOX_API_KEY"] = apiKey;
        var started = Stopwatch.StartNew();
        var group = Process.Start(info) ?? throw new InvalidOperationException("setsid bash scripts/start.sh did not start");
        DataReceivedEventHandler write = (_, e) =>
        {
            if (e.Data is null) return;
            lock (log)
            {
                try { log.WriteLine(e.Data); }
                catch (ObjectDisposedException) { } // output of processes that outlived the stop
            }
        };
        group.OutputDataReceived += write;
        group.ErrorDataReceived += write;
        group.BeginOutputReadLine();
        group.BeginErrorReadLine();
        Console.Error.WriteLine($"  started bash scripts/start.sh: process group {group.Id}, log {logPath}");

        var app = new ReadmeApp(new Uri($"http://127.0.0.1:{webPort}"), new Uri($"http://127.0.0.1:{apiPort}"), apiKey, group, log, logPath);
        try
        {
            if (ProcessTable.Find(group.Id)?.GroupId != group.Id)
                throw new InvalidOperationException($"setsid did not make {group.Id} a process group leader");
            await app.WaitUntilHealthyAsync(StartTimeout);
            app.StartTime = started.Elapsed;
            await app.SurveyAsync(containersBefore);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// What the app runs now: the AppHost, DCP and what DCP started, and the containers DCP made for it (new since
    /// before, labelled with one of those processes as their creator; other engineers' apps make containers too).
    /// </summary>
    private async Task SurveyAsync(HashSet<string> containersBefore)
    {
        var all = ProcessTable.All();
        _appHost = ProcessTable.WithDescendants(all, [_group!.Id]).FirstOrDefault(p => p.CommandLine.Contains("Aspire.Sandbox.AppHost", StringComparison.Ordinal));
        var monitor = _appHost is null ? null : $"--monitor {_appHost.Pid.ToString(CultureInfo.InvariantCulture)}";
        var roots = all.Where(p => p.GroupId == _group.Id || (monitor is not null && p.CommandLine.Contains(monitor, StringComparison.Ordinal))).Select(p => p.Pid);
        _processes = ProcessTable.WithDescendants(all, roots);
        var ours = _processes.Select(p => p.Pid.ToString(CultureInfo.InvariantCulture)).ToHashSet();
        var containers = new List<string>();
        foreach (var id in (await DockerOutput.ContainersAsync()).Where(c => !containersBefore.Contains(c)))
        {
            try
            {
                var creator = (await DockerOutput.RunAsync("inspect", "-f", "{{index .Config.Labels \"" + CreatorLabel + "\"}}", id)).Trim();
                if (ours.Contains(creator)) containers.Add(id);
            }
            catch (InvalidOperationException)
            {
                // removed meanwhile: not one that could be left behind
            }
        }
        _containers = containers;
        Console.Error.WriteLine($"  app: AppHost {_appHost?.Pid.ToString(CultureInfo.InvariantCulture) ?? "not found"}, {_processes.Count} processes, " +
            $"{_containers.Count} containers ({string.Join(", ", _containers.Select(c => c[..12]))})");
    }

    private async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (_group is { HasExited: true })
                throw new InvalidOperationException($"scripts/start.sh exited with {_group.ExitCode} before the app was healthy; see {LogPath}");
            if (await HealthyAsync(http, WebUrl) && await HealthyAsync(http, ApiUrl)) return;
            if (waited.Elapsed > timeout) throw new TimeoutException($"Web {WebUrl} and Api {ApiUrl} not both healthy within {timeout}; see {LogPath}");
            await Task.Delay(500);
        }
    }

    private static async Task<bool> HealthyAsync(HttpClient http, Uri service)
    {
        try { return (await http.GetAsync(new Uri(service, "/health"))).IsSuccessStatusCode; }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { return false; }
    }

    /// <summary>SIGTERM to the AppHost (the README's way to stop), then waits until everything it ran is gone.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_group is null) return;
        var stopping = Stopwatch.StartNew();
        var notes = new List<string>();
        if (!_group.HasExited)
        {
            var target = _appHost is { StillRunning: true } ? _appHost.Pid : _group.Id;
            PosixSignals.Terminate(target);
            if (!await ExitedAsync(StopTimeout))
            {
                notes.Add($"not stopped {StopTimeout.TotalSeconds} s after SIGTERM to {target}: SIGTERM to its process group");
                PosixSignals.TerminateGroup(_group.Id);
                if (!await ExitedAsync(TimeSpan.FromSeconds(30)))
                {
                    notes.Add("still running: killed");
                    _group.Kill(entireProcessTree: true);
                    await _group.WaitForExitAsync();
                }
            }
        }
        var exited = stopping.Elapsed;

        // DCP and the services it ran, and the containers, may take a moment after the AppHost itself.
        IReadOnlyList<ProcessTable.Entry> processesLeft = [];
        IReadOnlyList<string> containersLeft = [];
        var settle = Stopwatch.StartNew();
        do
        {
            processesLeft = [.. _processes.Where(p => p.StillRunning)];
            var existing = (await DockerOutput.ContainersAsync()).ToHashSet();
            var sandboxes = new List<string>();
            foreach (var session in _sessions) sandboxes.AddRange(await DockerOutput.ContainersAsync($"label=aspire-sandbox.session={session}"));
            containersLeft = [.. _containers.Where(existing.Contains).Union(sandboxes)];
            if (processesLeft.Count == 0 && containersLeft.Count == 0) break;
            await Task.Delay(500);
        }
        while (settle.Elapsed < TimeSpan.FromSeconds(30));

        StoppedClean = notes.Count == 0 && processesLeft.Count == 0 && containersLeft.Count == 0;
        StopReport = $"SIGTERM to the AppHost ({_appHost?.Pid.ToString(CultureInfo.InvariantCulture) ?? "not found: to dotnet run"}) → exit in " +
            $"{exited.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s; processes left {processesLeft.Count}, containers left {containersLeft.Count}" +
            (notes.Count > 0 ? "; " + string.Join("; ", notes) : "");
        foreach (var p in processesLeft) Console.Error.WriteLine($"  left running: {p}");
        foreach (var c in containersLeft) Console.Error.WriteLine($"  container left: {c[..12]}");
        _group.Dispose();
        if (_log is not null) lock (_log) _log.Dispose();
    }

    /// <summary>Whether <c>dotnet run</c> (the group leader) has exited; not its output's end, which a process left behind could hold open.</summary>
    private async Task<bool> ExitedAsync(TimeSpan timeout)
    {
        var waited = Stopwatch.StartNew();
        while (!_group!.HasExited && waited.Elapsed < timeout) await Task.Delay(100);
        return _group.HasExited;
    }

    private static int Port(string variable, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), CultureInfo.InvariantCulture, out var port) ? port : fallback;

    private static async Task<bool> ListeningAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(System.Net.IPAddress.Loopback, port).WaitAsync(TimeSpan.FromSeconds(1));
            return true;
        }
        catch (Exception e) when (e is SocketException or TimeoutException) { return false; }
    }
}
