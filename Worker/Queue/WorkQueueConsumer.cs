using Aspire.Sandbox.Contracts.Redis;
using Aspire.Sandbox.Contracts.Work;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Aspire.Sandbox.Worker.Queue;

/// <summary>
/// Claims work from the Redis work stream (consumer group) and hands it to the dispatcher: new entries, entries
/// other workers handed over (this worker drives their session), and — every reclaim interval — the entries
/// of workers whose lease expired. Idle, it waits for a pub/sub wake-up, with a slow poll as the safety net.
/// While the Docker engine does not answer (<see cref="EngineMonitor"/>) it claims nothing.
/// </summary>
public sealed partial class WorkQueueConsumer(
    WorkQueue queue,
    WorkLease lease,
    IConnectionMultiplexer redis,
    SessionWorkDispatcher dispatcher,
    EngineMonitor engine,
    IOptions<WorkerOptions> options,
    IOptions<WorkLeaseOptions> leaseOptions,
    TimeProvider time,
    ILogger<WorkQueueConsumer> logger) : BackgroundService
{
    private static readonly TimeSpan StartRetryDelay = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim _wakeUp = new(0, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await redis.GetSubscriber().SubscribeAsync(RedisKeys.WorkWakeUp, (_, _) => WakeUp());
        await JoinAsync(stoppingToken);
        using var keeping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var keeper = lease.KeepAsync(keeping.Token);
        LogConsuming(lease.Consumer);
        var nextReclaim = time.GetTimestamp();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                // Without an engine, claimed work could only fail: it waits in the queue for this or another worker.
                if (!engine.Answers) await engine.WhenAnsweringAsync(stoppingToken);
                var claimed = 0;
                try
                {
                    claimed += Dispatch(await queue.ReadAsync(lease.Consumer, options.Value.ClaimBatchSize), stoppingToken);
                    if (time.GetTimestamp() >= nextReclaim)
                    {
                        nextReclaim = time.GetTimestamp() + (long)(leaseOptions.Value.ReclaimInterval.TotalSeconds * time.TimestampFrequency);
                        claimed += Dispatch(await queue.ReclaimAsync(lease.Consumer, lease.Timeout), stoppingToken);
                    }
                }
                catch (Exception e) when (e is RedisException or TimeoutException)
                {
                    LogClaimFailed(e);
                }
                if (claimed == 0) await _wakeUp.WaitAsync(Min(options.Value.PollInterval, leaseOptions.Value.ReclaimInterval), stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await dispatcher.DrainAsync();
        await keeping.CancelAsync();
        await keeper;
        // What is left unacknowledged (runs cut short by the shutdown) goes to another worker now, not after a lease.
        await lease.ReleaseAsync();
    }

    /// <summary>Creates the group and takes the lease, waiting for Redis if it is not there yet.</summary>
    private async Task JoinAsync(CancellationToken ct)
    {
        while (true)
        {
            try
            {
                await queue.EnsureGroupAsync();
                await lease.TakeAsync();
                return;
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                LogClaimFailed(e);
                await Task.Delay(StartRetryDelay, ct);
            }
        }
    }

    private int Dispatch(IReadOnlyList<WorkItem> items, CancellationToken stoppingToken)
    {
        foreach (var item in items)
        {
            if (item.Reclaimed) LogReclaimed(item.EntryId, item.Kind, item.SessionId);
            dispatcher.Dispatch(item, stoppingToken);
        }
        return items.Count;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private void WakeUp()
    {
        try { _wakeUp.Release(); }
        catch (SemaphoreFullException) { } // already awake
    }

    [LoggerMessage(40, LogLevel.Information, "Claiming work as consumer {Consumer}")]
    private partial void LogConsuming(string consumer);

    [LoggerMessage(41, LogLevel.Warning, "Claiming work failed; retrying")]
    private partial void LogClaimFailed(Exception exception);

    [LoggerMessage(42, LogLevel.Warning, "Adopted work entry {EntryId} ({Kind}) of session {SessionId} from a worker whose lease expired")]
    private partial void LogReclaimed(string? entryId, string kind, string sessionId);
}
