using Aspire.Sandbox.Contracts.Previews;
using Aspire.Sandbox.Worker.Queue;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Aspire.Sandbox.Worker.Previews;

/// <summary>
/// Tells the Web where this worker's preview endpoint answers: <c>worker:{consumer}:preview</c> in Redis, with a
/// time-to-live renewed while the worker lives, so a dead worker's address goes away by itself.
/// </summary>
public sealed partial class PreviewRegistration(
    PreviewStore previews,
    WorkLease lease,
    IServer server,
    IHostApplicationLifetime lifetime,
    IOptions<PreviewOptions> shared,
    IOptions<WorkerPreviewOptions> options,
    ILogger<PreviewRegistration> logger) : BackgroundService
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (shared.Value.Key.Length == 0)
        {
            LogPreviewsOff();
            return;
        }
        // The server's addresses are known once it has started.
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled()))
        {
            try { await started.Task; }
            catch (OperationCanceledException) { return; }
        }
        var address = Address();
        if (address is null)
        {
            LogNoAddress();
            return;
        }
        LogRegistered(address, lease.Consumer);
        using var timer = new PeriodicTimer(Ttl / 3);
        do
        {
            try
            {
                await previews.RegisterWorkerAsync(lease.Consumer, address, Ttl);
            }
            catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException)
            {
                LogRegisterFailed(e);
            }
        } while (await WaitAsync(timer, stoppingToken));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try { await previews.UnregisterWorkerAsync(lease.Consumer); }
        catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException) { LogRegisterFailed(e); }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try { return await timer.WaitForNextTickAsync(ct); }
        catch (OperationCanceledException) { return false; }
    }

    /// <summary>The configured address, else the first http address the server is bound to, a wildcard host read as loopback.</summary>
    private string? Address()
    {
        if (options.Value.WorkerUrl.Length > 0) return options.Value.WorkerUrl.TrimEnd('/');
        var bound = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase));
        if (bound is null || !Uri.TryCreate(bound.Replace("://+", "://127.0.0.1").Replace("://*", "://127.0.0.1"), UriKind.Absolute, out var uri)) return null;
        var host = uri.Host is "0.0.0.0" or "[::]" or "::" or "localhost" ? "127.0.0.1" : uri.Host;
        return $"http://{host}:{uri.Port}";
    }

    [LoggerMessage(114, LogLevel.Information, "Preview endpoint at {Address} (worker {Consumer})")]
    private partial void LogRegistered(string address, string consumer);

    [LoggerMessage(115, LogLevel.Warning, "Previews are off: Sandbox:Preview:Key is not set")]
    private partial void LogPreviewsOff();

    [LoggerMessage(116, LogLevel.Warning, "Previews are off: the worker's server has no http address (set Sandbox:Preview:WorkerUrl)")]
    private partial void LogNoAddress();

    [LoggerMessage(117, LogLevel.Warning, "Could not announce the preview endpoint in Redis; retrying")]
    private partial void LogRegisterFailed(Exception exception);
}
