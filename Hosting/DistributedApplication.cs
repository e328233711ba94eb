using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Dashboard;
using Aspire.Hosting.Orchestration;
using Aspire.Hosting.Testing;

namespace Aspire.Hosting;

/// <summary>
/// The built application: starts the resources, watches them, serves the dashboard, and stops everything
/// on Ctrl+C / SIGTERM or disposal. Tests use the same object (see <see cref="DistributedApplicationTestingBuilder"/>).
/// </summary>
public sealed partial class DistributedApplication : IAsyncDisposable, IDashboardData
{
    private readonly AppHostSettings _settings;
    private readonly IReadOnlyList<string> _announcements;
    private readonly TestingSession? _testingSession;
    private readonly ResourceNotifications _notifications = new();
    private readonly ConsoleReporter? _console;
    private readonly Orchestrator _orchestrator;
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private DashboardServer? _dashboard;
    private bool _started;
    private bool _stopped;

    internal DistributedApplication(
        IReadOnlyList<Resource> resources, AppHostSettings settings, IReadOnlyList<string> announcements, TestingSession? testingSession)
    {
        _settings = settings;
        _announcements = announcements;
        _testingSession = testingSession;
        _console = settings.Options.WriteToConsole ? new ConsoleReporter(_notifications) : null;
        _orchestrator = new Orchestrator(resources, settings, _notifications, _console);
    }

    public static IDistributedApplicationBuilder CreateBuilder(string[] args) =>
        CreateBuilder(new DistributedApplicationOptions { Args = args });

    public static IDistributedApplicationBuilder CreateBuilder(DistributedApplicationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var testingSession = TestingSession.Current;
        return new DistributedApplicationBuilder(testingSession?.Apply(options) ?? options, testingSession);
    }

    /// <summary>Uri of the dashboard, when it runs.</summary>
    public Uri? DashboardUrl => _dashboard is null ? null : _settings.DashboardUrl;

    /// <summary>Starts everything and blocks until Ctrl+C or SIGTERM, then stops everything.</summary>
    public void Run() => RunAsync().GetAwaiter().GetResult();

    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        if (_testingSession is not null)
        {
            // Under DistributedApplicationTestingBuilder: the test starts and stops the application.
            _testingSession.Capture(this);
            return;
        }

        using var signals = new ShutdownSignals(_orchestrator.Kill);
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(signals.Token, cancellationToken);
        using var shutdown = stopping.Token.Register(_orchestrator.BeginShutdown);
        try
        {
            await StartAsync(stopping.Token).ConfigureAwait(false);
            ReportReady();
        }
        catch (DistributedApplicationException ex)
        {
            // Like Aspire, keep the rest running (and the dashboard up) so the failure can be looked at. The
            // resource's output is already on the console; the exception repeats it for tests, so only the headline here.
            _console?.Info(ex.Message.Split('\n')[0]);
            _console?.Info("Press Ctrl+C to stop.");
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Ctrl+C during start-up.
        }

        try
        {
            await Task.Delay(Timeout.Infinite, stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _console?.Info("Stopping…");
        }

        await DisposeAsync().ConfigureAwait(false);
        _console?.Info("Stopped.");
    }

    /// <summary>Starts every resource in dependency order and returns once all are healthy.</summary>
    /// <exception cref="DistributedApplicationException">A resource failed to start or was not healthy in time.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await _lifecycle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_stopped, this);
            if (_settings.DashboardUrl is { } dashboardUrl)
            {
                _dashboard = await DashboardServer.StartAsync(dashboardUrl, _settings.MetricsScrapeInterval, this, cancellationToken).ConfigureAwait(false);
                _console?.Info($"Dashboard: {dashboardUrl}");
            }

            _started = true;
            _orchestrator.Start();
        }
        finally
        {
            _lifecycle.Release();
        }

        await WaitUntilHealthyAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops every resource, dependents first (SIGTERM, SIGKILL after 10 s), and waits until their processes are gone.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        await _lifecycle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
            if (_started)
            {
                await _orchestrator.StopAsync().ConfigureAwait(false);
            }

            if (_dashboard is not null)
            {
                await _dashboard.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private void ReportReady()
    {
        if (_console is null)
        {
            return;
        }

        _console.WriteTable(GetResourceSnapshots());
        foreach (var endpoint in _orchestrator.Runners.SelectMany(r => r.Resource.Endpoints).Where(e => e.IsExternal))
        {
            _console.Info($"Open {endpoint.GetUrl()}");
        }

        if (DashboardUrl is { } dashboardUrl)
        {
            _console.Info($"Dashboard: {dashboardUrl}");
        }

        foreach (var announcement in _announcements)
        {
            _console.Info(announcement);
        }
    }
}
