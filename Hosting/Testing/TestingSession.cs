using Microsoft.Extensions.Configuration;

namespace Aspire.Hosting.Testing;

/// <summary>
/// The ambient hook a test sets while it runs an AppHost's entry point: <c>CreateBuilder</c> switches to
/// test options (free ports, no dashboard unless the test asks, quiet console) and <c>Run()</c> hands the built application
/// back here instead of blocking. AsyncLocal, so tests running in parallel do not see each other's.
/// </summary>
internal sealed class TestingSession(TimeSpan startTimeout)
{
    private static readonly AsyncLocal<TestingSession?> s_current = new();

    public static TestingSession? Current => s_current.Value;

    public DistributedApplication? Application { get; private set; }

    public static IDisposable Enter(TestingSession session)
    {
        var previous = s_current.Value;
        s_current.Value = session;
        return new Scope(previous);
    }

    public DistributedApplicationOptions Apply(DistributedApplicationOptions options) => new()
    {
        Args = options.Args,
        RandomizePorts = true,
        DisableDashboard = !DashboardRequested(options.Args),
        WriteToConsole = false,
        StartTimeout = startTimeout,
    };

    /// <summary>
    /// Tests run side by side and the dashboard's default port would clash, so only a test's own arguments can turn
    /// it on (<c>--AppHost:DashboardEnabled=true</c> with a free <c>--AppHost:DashboardUrl</c>), never the environment.
    /// </summary>
    private static bool DashboardRequested(string[] args) =>
        new ConfigurationBuilder().AddCommandLine(args).Build().GetValue<bool>(KnownConfigNames.DashboardEnabled);

    public void Capture(DistributedApplication application)
    {
        if (Application is not null)
        {
            throw new InvalidOperationException("The entry point ran more than one application.");
        }

        Application = application;
    }

    private sealed class Scope(TestingSession? previous) : IDisposable
    {
        public void Dispose() => s_current.Value = previous;
    }
}
