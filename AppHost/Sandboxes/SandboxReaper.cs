using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

/// <summary>
/// Makes sure no sandbox outlives the AppHost that started it. Workers remove their containers when they stop
/// cleanly; this covers what they cannot: a worker killed before it could (SIGTERM to a whole process group stops
/// everything at once), and an AppHost killed with SIGKILL, whose containers the next start removes.
/// Uses the docker CLI (<see cref="DockerCli"/>).
/// </summary>
internal sealed partial class SandboxReaper(string appInstance, IHostApplicationLifetime lifetime, ILogger<SandboxReaper> logger) : IHostedService
{
    private const string AppLabel = "aspire-sandbox.app";
    private static readonly TimeSpan RemoveTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RecheckInterval = TimeSpan.FromMilliseconds(250);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Not in StopAsync: that runs before DCP has stopped the workers, which would find their sandboxes gone.
        // ApplicationStopped comes once every hosted service, DCP's included, has stopped.
        lifetime.ApplicationStopped.Register(RemoveLeftBehind);

        var orphans = new List<string>();
        foreach (var (id, owner) in await ListAsync(AppLabel, cancellationToken))
            if (SandboxOwner.Parse(owner)?.IsGone() == true) orphans.Add(id);
        if (orphans.Count == 0) return;
        await RemoveAsync(orphans, cancellationToken);
        LogOrphansRemoved(logger, orphans.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Runs once DCP has stopped the services: whatever sandbox of this app is left goes. Lists again until none is
    /// left, because a worker stopped mid-removal leaves a container the engine is still removing ("removal in
    /// progress"), which <c>docker rm</c> refuses and <c>docker ps</c> still shows.
    /// </summary>
    private void RemoveLeftBehind()
    {
        using var timeout = new CancellationTokenSource(RemoveTimeout);
        var removed = 0;
        try
        {
            while (ListAsync($"{AppLabel}={appInstance}", timeout.Token).GetAwaiter().GetResult() is { Count: > 0 } left)
            {
                RemoveAsync(left.Select(c => c.Id), timeout.Token).GetAwaiter().GetResult();
                removed = Math.Max(removed, left.Count);
                Task.Delay(RecheckInterval, timeout.Token).GetAwaiter().GetResult();
            }
            if (removed > 0) LogLeftRemoved(logger, removed);
        }
        catch (OperationCanceledException)
        {
            LogRemoveTimedOut(logger, RemoveTimeout.TotalSeconds);
        }
    }

    private static async Task<IReadOnlyList<(string Id, string Owner)>> ListAsync(string labelFilter, CancellationToken ct)
    {
        var output = await DockerCli.RunAsync(["ps", "-a", "--filter", $"label={labelFilter}", "--format", "{{.ID}} {{.Label \"" + AppLabel + "\"}}"], ct);
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(' ', 2))
            .Select(parts => (parts[0], parts.Length > 1 ? parts[1] : ""))];
    }

    private static Task RemoveAsync(IEnumerable<string> ids, CancellationToken ct) => DockerCli.RunAsync(["rm", "-f", "-v", .. ids], ct);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Removed {Count} sandbox container(s) of an AppHost that no longer runs")]
    private static partial void LogOrphansRemoved(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Removed {Count} sandbox container(s) no worker removed on shutdown")]
    private static partial void LogLeftRemoved(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "The docker engine did not remove this app's sandboxes within {Seconds} s; the next start removes them")]
    private static partial void LogRemoveTimedOut(ILogger logger, double seconds);
}

internal static class SandboxReaperExtensions
{
    /// <summary>Registers the reaper and returns the label value of this app's sandbox containers.</summary>
    public static string AddSandboxReaper(this IDistributedApplicationBuilder builder)
    {
        var appInstance = SandboxOwner.Current.NewLabel();
        builder.Services.AddHostedService(sp => new SandboxReaper(
            appInstance, sp.GetRequiredService<IHostApplicationLifetime>(), sp.GetRequiredService<ILogger<SandboxReaper>>()));
        return appInstance;
    }
}
