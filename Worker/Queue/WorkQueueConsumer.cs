using Aspire.Sandbox.Contracts.Redis;
using Aspire.Sandbox.Worker.Sandboxes;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Aspire.Sandbox.Worker.Queue;

/// <summary>
/// Claims work from the Redis work stream (consumer group) and hands it to the dispatcher.
/// Idle, it waits for a pub/sub wake-up, with a slow poll as the safety net.
/// </summary>
public sealed partial class WorkQueueConsumer(
    WorkQueue queue,
    IConnectionMultiplexer redis,
    SessionWorkDispatcher dispatcher,
    SandboxManager sandboxes,
    IOptions<WorkerOptions> options,
    ILogger<WorkQueueConsumer> logger) : BackgroundService
{
    private readonly SemaphoreSlim _wakeUp = new(0, 1);
    private readonly string _consumer = $"{options.Value.AppInstance}-{Environment.MachineName}-{Environment.ProcessId}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await redis.GetSubscriber().SubscribeAsync(RedisKeys.WorkWakeUp, (_, _) => WakeUp());
        await queue.EnsureGroupAsync();
        LogConsuming(_consumer);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var claimed = 0;
                try
                {
                    foreach (var item in await queue.ReadAsync(_consumer, options.Value.ClaimBatchSize))
                    {
                        dispatcher.Dispatch(item, stoppingToken);
                        claimed++;
                    }
                }
                catch (RedisException e)
                {
                    LogClaimFailed(e);
                }
                if (claimed == 0) await _wakeUp.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await dispatcher.DrainAsync();
        if (options.Value.RemoveContainersOnShutdown) await sandboxes.RemoveAllAsync(CancellationToken.None);
    }

    private void WakeUp()
    {
        try { _wakeUp.Release(); }
        catch (SemaphoreFullException) { } // already awake
    }

    [LoggerMessage(40, LogLevel.Information, "Claiming work as consumer {Consumer}")]
    private partial void LogConsuming(string consumer);

    [LoggerMessage(41, LogLevel.Warning, "Claiming work failed; retrying")]
    private partial void LogClaimFailed(Exception exception);
}
