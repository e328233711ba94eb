using System.Collections.Concurrent;
using System.Diagnostics;

namespace Aspire.Sandbox.IntegrationTests.Bus;

/// <summary>
/// The Web service run as its own process (from the AppHost's build of it) against a Redis the test chose, on
/// a fixed loopback port so it can be killed and started again where clients expect it.
/// </summary>
public sealed class WebProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Dictionary<string, string> _environment;
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;

    private WebProcess(Dictionary<string, string> environment) => _environment = environment;

    public int Port { get; } = FreePort.Next();
    public Uri Url => new($"http://127.0.0.1:{Port}");
    public int ProcessId => _process?.Id ?? 0;

    /// <summary>The last lines the process wrote (for failure messages).</summary>
    public string Output => string.Join('\n', _output.TakeLast(60));

    public static async Task<WebProcess> StartAsync(string redis, string tokenKey, IReadOnlyDictionary<string, string>? settings = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__redis"] = redis,
            ["Sandbox__TokenKeys__0"] = tokenKey,
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Aspire.Sandbox"] = "Information",
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string>()) environment[name.Replace(":", "__")] = value;
        var web = new WebProcess(environment);
        await web.StartProcessAsync();
        return web;
    }

    public async Task StartProcessAsync()
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = ProjectOutput.Directory<Projects.Aspire_Sandbox_Web>(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(ProjectOutput.AssemblyPath<Projects.Aspire_Sandbox_Web>());
        foreach (var (name, value) in _environment) info.Environment[name] = value;
        info.Environment["ASPNETCORE_URLS"] = Url.ToString();
        _process = Process.Start(info) ?? throw new InvalidOperationException("web did not start");
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                // Exit comes before the last lines are read: waiting for the end of its output makes sure they are kept.
                await _process.WaitForExitAsync();
                throw new InvalidOperationException($"web exited ({_process.ExitCode}):\n{Output}");
            }
            try
            {
                if ((await http.GetAsync(new Uri(Url, "/alive"))).IsSuccessStatusCode) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            if (waited.Elapsed > StartTimeout) throw new TimeoutException($"web did not answer /alive:\n{Output}");
            await Task.Delay(100);
        }
    }

    /// <summary>SIGKILL, as a crash would: no graceful close of anyone's connection.</summary>
    public async Task KillAsync()
    {
        if (_process is null || _process.HasExited) return;
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        _output.Enqueue(line);
        while (_output.Count > 200) _output.TryDequeue(out _);
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
    }
}
