using Aspire.Sandbox.Contracts.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Aspire.Sandbox.Worker.Queue;

/// <summary>
/// This worker's lease: a Redis key with a time-to-live of <see cref="WorkLeaseOptions.LeaseTimeout"/>, renewed
/// every third of it. While it exists other workers leave this worker's sessions and entries alone, however
/// long a run takes; once it has expired, they adopt them. Not renewed for a whole lease (Redis away), it
/// may already be gone: that is logged, since work this worker still runs may then be taken over.
/// </summary>
public sealed partial class WorkLease(WorkQueue queue, IOptions<WorkLeaseOptions> options, TimeProvider time, ILogger<WorkLease> logger)
{
    private readonly WorkLeaseOptions _options = options.Value;
    private long _renewedAt = long.MinValue;

    /// <summary>This worker's consumer name: new on every start, so a restarted worker never inherits a dead one's entries unadopted.</summary>
    public string Consumer { get; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";

    public TimeSpan Timeout => _options.LeaseTimeout;

    public async Task TakeAsync() => await RenewOnceAsync(throwOnFailure: true);

    /// <summary>Renews until <paramref name="ct"/> is cancelled.</summary>
    public async Task KeepAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(_options.LeaseTimeout / 3, time);
        try
        {
            while (await timer.WaitForNextTickAsync(ct)) await RenewOnceAsync(throwOnFailure: false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    /// <summary>Gives the lease up, so other workers adopt what this one leaves at once.</summary>
    public async Task ReleaseAsync()
    {
        try { await queue.ReleaseLeaseAsync(Consumer); }
        catch (Exception e) when (e is RedisException or TimeoutException) { LogReleaseFailed(e, Consumer); }
    }

    private async Task RenewOnceAsync(bool throwOnFailure)
    {
        try
        {
            await queue.RenewLeaseAsync(Consumer, _options.LeaseTimeout);
            var previous = Interlocked.Exchange(ref _renewedAt, time.GetTimestamp());
            if (previous != long.MinValue && time.GetElapsedTime(previous) > _options.LeaseTimeout) LogLeaseRestored(Consumer);
        }
        catch (Exception e) when (!throwOnFailure && e is RedisException or TimeoutException)
        {
            var renewed = Interlocked.Read(ref _renewedAt);
            if (renewed != long.MinValue && time.GetElapsedTime(renewed) > _options.LeaseTimeout) LogLeaseLost(e, Consumer, _options.LeaseTimeout);
        }
    }

    [LoggerMessage(50, LogLevel.Error, "Lease of worker {Consumer} not renewed for over {Timeout}: other workers may adopt its work")]
    private partial void LogLeaseLost(Exception exception, string consumer, TimeSpan timeout);

    [LoggerMessage(51, LogLevel.Warning, "Lease of worker {Consumer} renewed again after a lapse")]
    private partial void LogLeaseRestored(string consumer);

    [LoggerMessage(52, LogLevel.Warning, "Could not release the lease of worker {Consumer}; it expires on its own")]
    private partial void LogReleaseFailed(Exception exception, string consumer);
}
