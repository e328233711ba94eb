using System.Threading.Channels;
using Aspire.Sandbox.Contracts.Frames;
using Aspire.Sandbox.Contracts.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Aspire.Sandbox.Worker.Publishing;

/// <summary>
/// Hands frames to Redis in order per session. Producers never wait for Redis: a frame is serialized on the
/// producer's thread and queued; one loop takes whatever has accumulated and appends it per session, the
/// sessions' calls in parallel. Batches form only under load (nothing waits for a batch to fill), so a lone
/// frame goes out at once. While Redis is away the queue holds up to <see cref="FramePublisherOptions.MaxBufferedBytes"/>
/// and is published in order once Redis is back; each call carries a batch number, so a retry of a call
/// that did land (its answer lost) is not appended twice.
/// </summary>
public sealed partial class FramePublisher(
    FrameLog log, WorkQueue queue, IOptions<FramePublisherOptions> options, ILogger<FramePublisher> logger) : BackgroundService
{
    private const int MaxServerErrorAttempts = 5;

    private readonly Channel<PendingFrame> _queue = Channel.CreateUnbounded<PendingFrame>(new() { SingleReader = true });
    private readonly FramePublisherOptions _options = options.Value;
    private readonly DroppedOutput _dropped = new(options.Value.MaxBufferedBytes);
    private readonly string _producer = Guid.NewGuid().ToString("N")[..16];
    private long _buffered;
    private long _sequence;
    private long _published;

    /// <summary>Bytes of frames queued and not yet in Redis.</summary>
    public long BufferedBytes => Interlocked.Read(ref _buffered);

    /// <summary>
    /// Frames appended to Redis (and published live) since start. Counted once per append call, not per
    /// <see cref="Publish"/>, so the producers' path stays as it was; WorkerMetrics reads it when scraped.
    /// </summary>
    public long FramesPublished => Interlocked.Read(ref _published);

    public void Publish(Frame frame)
    {
        var json = FrameJson.Serialize(frame);
        if (IsProcessOutput(frame) && BufferedBytes + json.Length > _options.MaxBufferedBytes)
        {
            if (_dropped.Add(frame.Session, frame.Run, json.Length)) LogDropping(frame.Session, _options.MaxBufferedBytes);
            return;
        }
        if (_dropped.Take(frame.Session) is { } lost) Enqueue(new PendingFrame(frame.Session, FrameJson.Serialize(lost), null, false, null));
        Enqueue(new PendingFrame(frame.Session, json, frame is RunStartedFrame ? frame.Run : null, frame is SessionEndedFrame, null));
    }

    /// <summary>Waits until everything published so far has reached Redis (used before acknowledging work).</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite(PendingFrame.Flush(flushed))) return;
        await flushed.Task.WaitAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<PendingFrame>(_options.MaxBatchFrames);
        var reader = _queue.Reader;
        // Keep draining after stop is requested, so frames of finishing runs still land.
        while (await reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < _options.MaxBatchFrames && reader.TryRead(out var frame)) batch.Add(frame);
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

    /// <summary>The bulk of a session's frames, and the only ones worth dropping when the buffer is full.</summary>
    private static bool IsProcessOutput(Frame frame) => frame is OutputFrame or TextDeltaFrame or ToolResultFrame;

    private void Enqueue(PendingFrame frame)
    {
        Interlocked.Add(ref _buffered, frame.Json.Length);
        if (!_queue.Writer.TryWrite(frame))
        {
            Interlocked.Add(ref _buffered, -frame.Json.Length);
            LogStopped(frame.SessionId);
        }
    }

    private async Task AppendAsync(List<PendingFrame> batch, CancellationToken stoppingToken)
    {
        var bySession = new Dictionary<string, List<PendingFrame>>(StringComparer.Ordinal);
        foreach (var frame in batch)
        {
            if (frame.Flushed is not null) continue;
            if (!bySession.TryGetValue(frame.SessionId, out var frames)) bySession[frame.SessionId] = frames = [];
            frames.Add(frame);
        }
        if (bySession.Count == 1) await AppendSessionAsync(bySession.Values.First(), stoppingToken);
        else if (bySession.Count > 1) await Task.WhenAll(bySession.Values.Select(frames => AppendSessionAsync(frames, stoppingToken)));
        foreach (var frame in batch) frame.Flushed?.TrySetResult();
    }

    /// <summary>One session's frames in calls of at most <see cref="FramePublisherOptions.MaxCallBytes"/>, in order.</summary>
    private async Task AppendSessionAsync(List<PendingFrame> frames, CancellationToken stoppingToken)
    {
        for (var start = 0; start < frames.Count;)
        {
            var end = start;
            var bytes = 0L;
            var endsSession = false;
            do
            {
                bytes += frames[end].Json.Length;
                endsSession |= frames[end].EndsSession;
            } while (++end < frames.Count && bytes + frames[end].Json.Length <= _options.MaxCallBytes);

            var json = new string[end - start];
            for (var i = start; i < end; i++) json[i - start] = frames[i].Json;
            if (await AppendWithRetryAsync(frames[start].SessionId, json, endsSession, stoppingToken))
                Interlocked.Add(ref _published, json.Length);
            Interlocked.Add(ref _buffered, -bytes);
            for (var i = start; i < end; i++)
                if (frames[i].StartedRun is { } run) _ = ForgetSecretsAsync(run);
            start = end;
        }
    }

    /// <returns>Whether the frames reached Redis (false: given up on).</returns>
    private async Task<bool> AppendWithRetryAsync(string sessionId, string[] json, bool endsSession, CancellationToken stoppingToken)
    {
        var batch = new AppendBatchId(_producer, Interlocked.Increment(ref _sequence));
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await log.AppendAsync(sessionId, json, endsSession, batch);
                if (attempt > 1) LogAppendRecovered(sessionId, json.Length, attempt);
                return true;
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                var serverError = e is RedisServerException;
                if ((serverError && attempt >= MaxServerErrorAttempts) || (stoppingToken.IsCancellationRequested && attempt >= 3))
                {
                    LogAppendAbandoned(e, sessionId, json.Length, attempt);
                    return false;
                }
                if (attempt == 1 || attempt % 20 == 0) LogAppendFailed(e, sessionId, json.Length, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(100 * attempt, 1000)), CancellationToken.None);
            }
        }
    }

    /// <summary>A started run's sealed secrets leave Redis; a failure only leaves them to their time-to-live.</summary>
    private async Task ForgetSecretsAsync(string runId)
    {
        try { await queue.ForgetSecretsAsync(runId); }
        catch (Exception e) when (e is RedisException or TimeoutException) { LogSecretsKept(e, runId); }
    }

    [LoggerMessage(1, LogLevel.Warning, "Appending {Count} frames of session {SessionId} failed (attempt {Attempt}); retrying")]
    private partial void LogAppendFailed(Exception exception, string sessionId, int count, int attempt);

    [LoggerMessage(2, LogLevel.Error, "A frame of session {SessionId} was dropped: the publisher has stopped")]
    private partial void LogStopped(string sessionId);

    [LoggerMessage(3, LogLevel.Information, "Appended {Count} frames of session {SessionId} after {Attempt} attempts")]
    private partial void LogAppendRecovered(string sessionId, int count, int attempt);

    [LoggerMessage(4, LogLevel.Error, "Gave up appending {Count} frames of session {SessionId} after {Attempt} attempts")]
    private partial void LogAppendAbandoned(Exception exception, string sessionId, int count, int attempt);

    [LoggerMessage(5, LogLevel.Warning, "Dropping output of session {SessionId}: {Limit} bytes are waiting for Redis")]
    private partial void LogDropping(string sessionId, long limit);

    [LoggerMessage(6, LogLevel.Warning, "Could not delete the sealed secrets of run {RunId}; they expire on their own")]
    private partial void LogSecretsKept(Exception exception, string runId);
}
