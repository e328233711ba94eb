using System.Reflection;
using System.Runtime.ExceptionServices;

namespace Aspire.Hosting.Testing;

/// <summary>
/// Starts a whole distributed application inside a test, the way Aspire.Hosting.Testing does: every
/// endpoint on a free loopback port, no dashboard (unless the args say <c>--AppHost:DashboardEnabled=true</c>),
/// children's output captured (see <c>GetLogs</c>).
/// </summary>
public static class DistributedApplicationTestingBuilder
{
    public static readonly TimeSpan DefaultStartTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Runs the entry point of <typeparamref name="TEntryPoint"/>'s assembly (an AppHost's Program.cs; pass
    /// <c>Projects.Aspire_Sandbox_AppHost</c>), starts what it declares and returns once every resource is
    /// healthy. Throws with the failing resource's recent output otherwise. Dispose to stop everything.
    /// </summary>
    public static Task<DistributedApplication> StartAsync<TEntryPoint>(string[] args, CancellationToken cancellationToken = default)
        where TEntryPoint : class =>
        StartAsync<TEntryPoint>(args, DefaultStartTimeout, cancellationToken);

    public static async Task<DistributedApplication> StartAsync<TEntryPoint>(
        string[] args, TimeSpan startTimeout, CancellationToken cancellationToken = default)
        where TEntryPoint : class
    {
        var application = await BuildAsync<TEntryPoint>(args, startTimeout).ConfigureAwait(false);
        try
        {
            await application.StartAsync(cancellationToken).ConfigureAwait(false);
            return application;
        }
        catch
        {
            await application.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Runs the entry point and returns the application it built, without starting anything: for checking the
    /// graph and the environment each resource would get.
    /// </summary>
    public static Task<DistributedApplication> BuildAsync<TEntryPoint>(string[] args)
        where TEntryPoint : class =>
        BuildAsync<TEntryPoint>(args, DefaultStartTimeout);

    private static async Task<DistributedApplication> BuildAsync<TEntryPoint>(string[] args, TimeSpan startTimeout)
        where TEntryPoint : class
    {
        ArgumentNullException.ThrowIfNull(args);
        var assembly = typeof(TEntryPoint).Assembly;
        var entryPoint = assembly.EntryPoint
            ?? throw new InvalidOperationException($"{assembly.GetName().Name} has no entry point.");

        var session = new TestingSession(startTimeout);
        using (TestingSession.Enter(session))
        {
            await InvokeAsync(entryPoint, args).ConfigureAwait(false);
        }

        return session.Application
            ?? throw new InvalidOperationException($"{assembly.GetName().Name}'s entry point returned without calling Build().Run().");
    }

    /// <summary>A builder in test mode for an application declared by the test itself.</summary>
    public static IDistributedApplicationBuilder Create(params string[] args) => Create(DefaultStartTimeout, args);

    public static IDistributedApplicationBuilder Create(TimeSpan startTimeout, params string[] args)
    {
        using (TestingSession.Enter(new TestingSession(startTimeout)))
        {
            return DistributedApplication.CreateBuilder(args);
        }
    }

    private static async Task InvokeAsync(MethodInfo entryPoint, string[] args)
    {
        object?[]? parameters = entryPoint.GetParameters().Length == 0 ? null : [args];
        try
        {
            if (entryPoint.Invoke(null, parameters) is Task task)
            {
                await task.ConfigureAwait(false);
            }
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
        }
    }
}
