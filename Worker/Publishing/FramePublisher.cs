using System.Threading.Channels;
using Aspire.Sandbox.Contracts.Frames;
using Aspire.Sandbox.Contracts.Redis;

namespace Aspire.Sandbox.Worker.Publishing;

/// <summary>
/// Hands frames to Redis in order. Producers never wait for Redis: frames go to a queue, and one
/// loop appends whatever has accumulated in a single script call per session. Batches form only
/// under load (nothing waits for a batch to fill), so a lone frame goes out at once.
/// </summary>
public sealed partial class FramePublisher(FrameLog log, ILogger<FramePublisher> logger) : BackgroundService
{
    private const int MaxBatch = 512;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(250);

    private readonly Channel<Outgoing> _queue = Channel.CreateUnbounded<Outgoing>(new() { SingleReader = true });

    public void Publish(Frame frame)
    {
        if (!_queue.Writer.TryWrite(new Outgoing(frame, null))) LogDropped(frame.Session, frame.GetType().Name);
    }

    /// <summary>Waits until everything published so far has reached Redis (used before acknowledging work).</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite(new Outgoing(null, flushed))) return;
        await flushed.Task.WaitAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Outgoing>(MaxBatch);
        var reader = _queue.Reader;
        // Keep draining after stop is requested, so frames of finishing runs still land.
        while (await reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < MaxBatch && reader.TryRead(out var frame)) batch.Add(frame);
            await AppendAsync(batch, stoppingToken);
            batch.Clear();
            if (stoppingToken.IsCancellationRequested && !reader.TryPeek(out _)) break;
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    private async Task AppendAsync(List<Outgoing> batch, CancellationToken stoppingToken)
    {
        var start = 0;
        while (start < batch.Count)
        {
            if (batch[start].Frame is not { } first)
            {
                batch[start++].Flushed!.TrySetResult();
                continue;
            }
            // Consecutive frames of one session go in one call; order is kept across calls.
            var frames = new List<Frame> { first };
            while (++start < batch.Count && batch[start].Frame is { } next && next.Session == first.Session) frames.Add(next);
            await AppendWithRetryAsync(frames, stoppingToken);
        }
    }

    private async Task AppendWithRetryAsync(List<Frame> frames, CancellationToken stoppingToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await log.AppendAsync(frames[0].Session, frames);
                return;
            }
            catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException)
            {
                LogAppendFailed(e, frames[0].Session, frames.Count, attempt);
                if (stoppingToken.IsCancellationRequested && attempt >= 3) return;
                await Task.Delay(RetryDelay * Math.Min(attempt, 8), CancellationToken.None);
            }
        }
    }

    /// <summary>A frame to append, or a flush request that completes once everything before it is appended.</summary>
    private readonly record struct Outgoing(Frame? Frame, TaskCompletionSource? Flushed);

    [LoggerMessage(1, LogLevel.Warning, "Appending {Count} frames of session {SessionId} failed (attempt {Attempt}); retrying")]
    private partial void LogAppendFailed(Exception exception, string sessionId, int count, int attempt);

    [LoggerMessage(2, LogLevel.Error, "Frame {FrameType} of session {SessionId} dropped: the publisher has stopped")]
    private partial void LogDropped(string sessionId, string frameType);
}
