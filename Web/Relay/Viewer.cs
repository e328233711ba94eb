using Aspire.Sandbox.Contracts.Frames;
using Aspire.Sandbox.Contracts.Redis;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using StackExchange.Redis;

namespace Aspire.Sandbox.Web.Relay;

/// <summary>
/// One connection watching one session. Live batches are written straight to the connection while it keeps
/// up (no task, no copy: the batch's bytes are shared by every viewer). Once a write has to wait, later
/// items queue in an outbox drained by a pump; a viewer whose queued live bytes pass the bound is cut off,
/// unless it is catching up from the stream anyway — then the queued batches fold into that stream range.
/// <see cref="_position"/> is the last id sent or queued, so nothing goes out twice.
/// </summary>
internal sealed partial class Viewer(HubConnectionContext connection, string sessionId, FrameLog log, RelayOptions options, RelayMetrics metrics, ILogger logger)
{
    private static readonly TimeSpan CloseMessageTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private readonly Queue<OutboxItem> _outbox = new();
    private StreamId _position;
    private long _backlogBytes;
    private bool _pumping;
    private bool _closed;
    private OutboxItem? _current;
    private Task _pump = Task.CompletedTask;

    public string ConnectionId => connection.ConnectionId;
    public string SessionId { get; } = sessionId;

    /// <summary>Called by the feed as it admits the viewer: what it has after <paramref name="after"/> up to <paramref name="through"/> comes from the stream.</summary>
    public void Start(StreamId after, StreamId through)
    {
        lock (_gate)
        {
            _position = after;
            if (through <= after) return;
            _outbox.Enqueue(OutboxItem.Replay(after, through));
            _position = through;
            StartPump(Task.CompletedTask);
        }
    }

    /// <summary>A live batch (consecutive with the feed's previous one). Never blocks the feed.</summary>
    public void Deliver(LiveBatch batch)
    {
        lock (_gate)
        {
            if (_closed || batch.Last <= _position) return;
            if (batch.First <= _position) batch = batch.After(_position);
            _position = batch.Last;
            if (_pumping)
            {
                Enqueue(batch);
                return;
            }
            var write = connection.WriteAsync(batch.Message, CancellationToken.None);
            if (!write.IsCompletedSuccessfully) StartPump(write.AsTask());
        }
    }

    /// <summary>Stops sending (unsubscribe, disconnect); waits briefly for a write in progress so a re-subscribe starts after it.</summary>
    public async Task StopAsync()
    {
        Task pump;
        lock (_gate)
        {
            _closed = true;
            _outbox.Clear();
            pump = _pump;
        }
        try { await pump.WaitAsync(StopTimeout); }
        catch (TimeoutException) { connection.Abort(); }
    }

    private void Enqueue(LiveBatch batch)
    {
        _outbox.Enqueue(OutboxItem.Live(batch));
        _backlogBytes += batch.Bytes;
        if (_backlogBytes <= options.MaxViewerBacklogBytes || FoldIntoReplay()) return;
        _closed = true;
        _outbox.Clear();
        metrics.SlowConsumerCut();
        LogSlowConsumer(ConnectionId, SessionId, _backlogBytes);
        _ = CutOffAsync();
    }

    /// <summary>Queued live batches after the last pending replay become part of it: the stream has them too.</summary>
    private bool FoldIntoReplay()
    {
        var items = _outbox.ToArray();
        var replay = Array.FindLastIndex(items, i => i.IsReplay);
        var target = replay >= 0 ? items[replay] : _current is { IsReplay: true } current ? current : null;
        if (target is null) return false;
        _outbox.Clear();
        for (var i = 0; i <= replay; i++) _outbox.Enqueue(items[i]);
        target.Through = _position;
        _backlogBytes = 0;
        foreach (var item in _outbox) _backlogBytes += item.Batch?.Bytes ?? 0;
        return true;
    }

    private void StartPump(Task first)
    {
        _pumping = true;
        _pump = Task.Run(() => PumpAsync(first));
    }

    private async Task PumpAsync(Task first)
    {
        try
        {
            await first;
            while (true)
            {
                OutboxItem item;
                lock (_gate)
                {
                    if (_closed || !_outbox.TryDequeue(out item!))
                    {
                        _pumping = false;
                        _current = null;
                        return;
                    }
                    _current = item;
                    _backlogBytes -= item.Batch?.Bytes ?? 0;
                }
                if (item.Batch is { } batch) await connection.WriteAsync(batch.Message, CancellationToken.None);
                else await ReplayAsync(item);
            }
        }
        catch (Exception e)
        {
            LogSendFailed(e, ConnectionId, SessionId);
            lock (_gate) _closed = true;
            connection.Abort();
        }
    }

    /// <summary>Sends a range of the stream page by page, as fast as the connection takes it; waits out Redis outages.</summary>
    private async Task ReplayAsync(OutboxItem range)
    {
        for (var attempt = 0; ;)
        {
            StreamId after, through;
            lock (_gate)
            {
                if (_closed) return;
                (after, through) = (range.After, range.Through);
            }
            if (after >= through) return;
            IReadOnlyList<RawFrame> page;
            try
            {
                page = await log.ReadRangeAsync(SessionId, after, through, options.ReplayPageSize);
                attempt = 0;
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                if (attempt++ == 0) LogReplayWaiting(e, SessionId);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(100 * attempt, 1000)));
                continue;
            }
            if (page.Count == 0) return; // trimmed away or expired: nothing more to send
            await connection.WriteAsync(FrameMessages.Create(page), CancellationToken.None);
            lock (_gate) range.After = page[^1].Id;
        }
    }

    /// <summary>
    /// Tells the client why, if its connection takes one more message soon (a slow reader), and gives it a moment
    /// to read that and hang up itself; a connection that takes nothing (a frozen one) is dropped at once. Either
    /// way the client may reconnect and resume from its last id.
    /// </summary>
    private async Task CutOffAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(CloseMessageTimeout);
            var reason = $"slow-consumer: more than {options.MaxViewerBacklogBytes} bytes of frames of session {SessionId} were waiting; subscribe again from the last frame id.";
            await connection.WriteAsync(new CloseMessage(reason, allowReconnect: true), timeout.Token);
            await Task.Delay(CloseGrace, connection.ConnectionAborted);
        }
        catch (Exception e) when (e is OperationCanceledException or InvalidOperationException or IOException)
        {
        }
        connection.Abort();
    }

    [LoggerMessage(20, LogLevel.Warning, "Connection {ConnectionId} cut off: {Bytes} bytes of session {SessionId} waiting (slow consumer)")]
    private partial void LogSlowConsumer(string connectionId, string sessionId, long bytes);

    [LoggerMessage(21, LogLevel.Debug, "Sending frames to connection {ConnectionId} (session {SessionId}) failed")]
    private partial void LogSendFailed(Exception exception, string connectionId, string sessionId);

    [LoggerMessage(22, LogLevel.Warning, "Replay of session {SessionId} waits for Redis")]
    private partial void LogReplayWaiting(Exception exception, string sessionId);
}
