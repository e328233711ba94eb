using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Aspire.Sandbox.Web.Relay;

/// <summary>
/// Makes every live feed compare itself with its stream every <see cref="RelayOptions.LiveCheckInterval"/>, and
/// at once (and a second later, once subscriptions are restored) when a Redis connection comes back: pub/sub
/// delivers at most once, and what it lost while the connection was down shows up only in the stream.
/// </summary>
public sealed partial class FeedChecker(FrameRelay relay, IConnectionMultiplexer redis, IOptions<RelayOptions> options, ILogger<FeedChecker> logger) : BackgroundService
{
    private static readonly TimeSpan RestoredRecheckDelay = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        redis.ConnectionRestored += OnRestored;
        try
        {
            using var timer = new PeriodicTimer(options.Value.LiveCheckInterval);
            while (await timer.WaitForNextTickAsync(stoppingToken)) relay.CheckAll();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            redis.ConnectionRestored -= OnRestored;
        }
    }

    private void OnRestored(object? sender, ConnectionFailedEventArgs e)
    {
        LogRestored(e.ConnectionType.ToString());
        relay.CheckAll();
        _ = Task.Delay(RestoredRecheckDelay).ContinueWith(_ => relay.CheckAll(), TaskScheduler.Default);
    }

    [LoggerMessage(30, LogLevel.Information, "Redis connection ({ConnectionType}) restored: live feeds read what they may have missed")]
    private partial void LogRestored(string connectionType);
}
