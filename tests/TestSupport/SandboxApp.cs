using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Aspire.Sandbox.TestSupport;

/// <summary>
/// The whole app — Redis, Api, Worker(s), Web — started from the AppHost's Program.cs by Aspire.Hosting.Testing, on
/// random loopback ports, as a client sees it. Disposing stops it and checks that nothing it ran is left: no service
/// process, no Redis container, no sandbox container.
/// </summary>
public sealed class SandboxApp : IAsyncDisposable
{
    public static readonly TimeSpan DefaultStartTimeout = TimeSpan.FromMinutes(4);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<string, int> _pids = new();
    private readonly ConcurrentDictionary<string, string> _containers = new();
    private readonly ConcurrentDictionary<string, string?> _states = new();
    private readonly ConcurrentDictionary<string, Task> _logWriters = new();
    private readonly CancellationTokenSource _watching = new();

    private SandboxApp(DistributedApplication app, string apiKey, string tokenSigningKey) =>
        (App, ApiKey, TokenSigningKey) = (app, apiKey, tokenSigningKey);

    private DateTime AppStarted { get; } = DateTime.UtcNow;

    public DistributedApplication App { get; }
    public string ApiKey { get; }

    /// <summary>The key session tokens are signed with, so tests can forge tokens the app must refuse or accept.</summary>
    public string TokenSigningKey { get; }
    public Uri ApiUrl => App.GetEndpoint("api", "http");
    public Uri WebUrl => App.GetEndpoint("web", "http");
    public string RedisConnectionString { get; private set; } = "";

    /// <summary>The label value the worker puts on every sandbox container of this app.</summary>
    public string AppInstance { get; private set; } = "";

    /// <summary>Process ids of the running service replicas (api, worker-xyz, web), by resource id.</summary>
    public IReadOnlyDictionary<string, int> ProcessIds => _pids;

    /// <summary>The state DCP last reported for each replica (<c>Running</c>, <c>Exited</c>, …), by resource id.</summary>
    public IReadOnlyDictionary<string, string?> States => _states;

    /// <summary>Starts the app with <paramref name="args"/> (AppHost configuration) and waits until every service is healthy.</summary>
    public static async Task<SandboxApp> StartAsync(string[] args, TimeSpan? startTimeout = null, Action<IDistributedApplicationTestingBuilder>? configure = null)
    {
        using var timeout = new CancellationTokenSource(startTimeout ?? DefaultStartTimeout);
        var apiKey = "sbx_test_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var tokenSigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        // The Api and the Web listen on their ports themselves (not behind DCP's proxy, whose port randomization
        // for test apps does not reach them): each test app gets free ones.
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Aspire_Sandbox_AppHost>(
            [$"--API_PORT={FreePort.Next()}", $"--WEB_PORT={FreePort.Next()}", .. args,
             $"--Parameters:api-key={apiKey}", $"--Parameters:token-signing-key={tokenSigningKey}"], timeout.Token);
        builder.Services.AddLogging(logging => logging
            .AddFilter("Aspire.Hosting", LogLevel.Warning)
            .AddFilter("Microsoft", LogLevel.Warning));
        configure?.Invoke(builder);

        var app = await builder.BuildAsync(timeout.Token);
        var sandboxApp = new SandboxApp(app, apiKey, tokenSigningKey);
        try
        {
            sandboxApp.WatchResources();
            await app.StartAsync(timeout.Token);
            foreach (var service in new[] { "api", "worker", "web" })
                await app.ResourceNotifications.WaitForResourceHealthyAsync(service, timeout.Token);
            sandboxApp.RedisConnectionString = await app.GetConnectionStringAsync("redis", timeout.Token)
                ?? throw new InvalidOperationException("redis has no connection string");
            sandboxApp.AppInstance = await sandboxApp.WorkerEnvironmentAsync("Sandbox__AppInstance");
            return sandboxApp;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            await sandboxApp.DisposeAsync();
            throw new TimeoutException($"The app did not become healthy within {startTimeout ?? DefaultStartTimeout}.");
        }
        catch
        {
            await sandboxApp.DisposeAsync();
            throw;
        }
    }

    /// <summary>A value the AppHost hands the worker (as the worker's environment sees it).</summary>
    public async Task<string> WorkerEnvironmentAsync(string name) => (await ResourceEnvironment.GetAsync(App, "worker"))[name];

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(StopTimeout);
            await App.StopAsync(timeout.Token);
        }
        finally
        {
            await App.DisposeAsync();
            await _watching.CancelAsync();
            _watching.Dispose();
        }

        await AssertNothingLeftAsync();
    }

    /// <summary>Keeps the process id and container id of every replica as DCP reports them.</summary>
    private void WatchResources() => _ = Task.Run(async () =>
    {
        try
        {
            await foreach (var e in App.ResourceNotifications.WatchAsync(_watching.Token))
            {
                _states[e.ResourceId] = e.Snapshot.State?.Text;
                _ = _logWriters.GetOrAdd(e.ResourceId, id => Task.Run(() => KeepLogAsync(id)));
                foreach (var property in e.Snapshot.Properties)
                {
                    // The names DCP's snapshots use (the dashboard shows them as "Process ID" and "Container ID").
                    if (property.Name == "executable.pid" && property.Value is int pid) _pids[e.ResourceId] = pid;
                    if (property.Name == "container.id" && property.Value is string { Length: > 0 } id) _containers[e.ResourceId] = id;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    });

    /// <summary>
    /// Every line a service writes goes to <c>TestResults/app-logs/</c>, one file per replica and app: when a test fails
    /// in CI, what the worker or Api said at that moment is there to read.
    /// </summary>
    private async Task KeepLogAsync(string resourceId)
    {
        var directory = Path.Combine(ProjectOutput.RepoRoot(), "TestResults", "app-logs");
        System.IO.Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{AppStarted:HHmmss}-{Environment.ProcessId}-{resourceId}.log");
        try
        {
            await foreach (var lines in App.Services.GetRequiredService<ResourceLoggerService>().WatchAsync(resourceId).WithCancellation(_watching.Token))
                await File.AppendAllLinesAsync(path, lines.Select(line => line.Content), _watching.Token);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task AssertNothingLeftAsync()
    {
        var left = new List<string>();
        foreach (var (resource, pid) in _pids)
            if (IsRunning(pid)) left.Add($"process {pid} ({resource})");
        foreach (var (resource, id) in _containers)
            if ((await DockerCommand.RunAsync("ps", "-q", "--no-trunc", "--filter", $"id={id}")).Length > 0) left.Add($"container {id[..12]} ({resource})");
        if (AppInstance.Length > 0)
            foreach (var id in (await DockerCommand.RunAsync("ps", "-aq", "--filter", $"label=aspire-sandbox.app={AppInstance}")).Split('\n', StringSplitOptions.RemoveEmptyEntries))
                left.Add($"sandbox container {id}");
        if (left.Count > 0) throw new InvalidOperationException($"Left running after the app stopped: {string.Join(", ", left)}");
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
