using System.Threading.Channels;
using Aspire.Sandbox.Contracts.Frames;
using Aspire.Sandbox.Contracts.Redis;
using StackExchange.Redis;

namespace Aspire.Sandbox.Web.Relay;

/// <summary>
/// The viewers of one session on this Web instance, fed by one Redis subscription. The subscription's message
/// queue hands messages over in the order Redis sent them (a handler callback may run concurrently and
/// reorder them, which would look like gaps); one loop per feed puts frames in sequence (<see cref="LiveSequencer"/>), fills gaps from the stream, and hands each batch
/// to every viewer, serialized once. A feed starts at the stream's newest id: a viewer admitted at a given
/// moment replays the stream up to the feed's last batch, and takes live batches after it.
/// </summary>
internal sealed partial class SessionFeed
{
    private const int FillPageSize = FrameLog.MaxPageSize;

    private readonly ISubscriber _subscriber;
    private readonly FrameLog _log;
    private readonly RelayOptions _options;
    private readonly RelayMetrics _metrics;
    private readonly ILogger _logger;
    private readonly Channel<RedisValue> _inbound;
    private readonly Lock _gate = new();
    private Viewer[] _viewers = [];
    private StreamId _published;
    private LiveSequencer _sequencer = new(StreamId.Zero);
    private Task _loop = Task.CompletedTask;
    private ChannelMessageQueue? _subscription;
    private int _checkRequested;

    public SessionFeed(string sessionId, ISubscriber subscriber, FrameLog log, RelayOptions options, RelayMetrics metrics, ILogger logger)
    {
        SessionId = sessionId;
        (_subscriber, _log, _options, _metrics, _logger) = (subscriber, log, options, metrics, logger);
        _inbound = Channel.CreateBounded<RedisValue>(new BoundedChannelOptions(options.InboundCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        Ready = StartAsync();
    }

    public string SessionId { get; }

    /// <summary>Viewers counted by the relay (guarded by its lock), released after the last.</summary>
    public int References { get; set; }

    public RelayTracing.RelayTrace? Trace { get; init; }

    /// <summary>Completes once the subscription is confirmed and the feed knows where the stream ends.</summary>
    public Task Ready { get; }

    /// <summary>Admits a viewer: replay after <paramref name="after"/> through the last batch handed out, live batches after that.</summary>
    public void Join(Viewer viewer, StreamId after)
    {
        lock (_gate)
        {
            viewer.Start(after, _published);
            _viewers = [.. _viewers, viewer];
        }
    }

    public void Leave(Viewer viewer)
    {
        lock (_gate) _viewers = Array.FindAll(_viewers, v => v != viewer);
    }

    /// <summary>Asks the loop to read the stream for frames pub/sub may have lost (reconnect, periodic check).</summary>
    public void RequestCheck()
    {
        if (Interlocked.Exchange(ref _checkRequested, 1) == 0) _inbound.Writer.TryWrite(RedisValue.Null);
    }

    public async Task StopAsync()
    {
        try { if (_subscription is not null) await _subscription.UnsubscribeAsync(); }
        catch (Exception e) when (e is RedisException or TimeoutException) { LogUnsubscribeFailed(e, SessionId); }
        _inbound.Writer.TryComplete();
        await _loop;
    }

    private async Task StartAsync()
    {
        // Subscribed (confirmed by Redis) before the stream's end is read: every frame after that end arrives live.
        _subscription = await _subscriber.SubscribeAsync(RedisKeys.LiveChannel(SessionId));
        _subscription.OnMessage(message => OnMessage(message.Message));
        var last = await _log.ReadLastIdAsync(SessionId);
        _sequencer = new LiveSequencer(last);
        _published = last;
        _loop = Task.Run(LoopAsync);
    }

    private void OnMessage(RedisValue message)
    {
        // A full queue drops the message: the gap shows on the next one (or the next check) and is read from the stream.
        if (!_inbound.Writer.TryWrite(message)) Interlocked.Exchange(ref _checkRequested, 1);
    }

    private async Task LoopAsync()
    {
        var reader = _inbound.Reader;
        var accepted = new List<RawFrame>();
        while (await reader.WaitToReadAsync())
        {
            var gap = false;
            while (!gap && accepted.Count < _options.MaxLiveBatchFrames && reader.TryRead(out var message))
            {
                if (message.IsNull) continue; // a check request: handled below
                try
                {
                    gap = !_sequencer.TryAccept(LiveMessage.Parse(SessionId, (byte[])message!), accepted);
                }
                catch (FormatException e)
                {
                    LogBadMessage(e, SessionId);
                    gap = true;
                }
            }
            var viewers = Dispatch(accepted);
            accepted = [];
            if (gap) _metrics.GapDetected();
            if (gap | Interlocked.Exchange(ref _checkRequested, 0) == 1) await FillAsync();
            if (Linger(viewers) is { } linger) await Task.Delay(linger);
        }
    }

    /// <summary>How long a feed with this many viewers lets frames gather before its next batch (null: not at all).</summary>
    private TimeSpan? Linger(int viewers)
    {
        var linger = _options.FanOutLingerPerViewer * viewers;
        if (linger < TimeSpan.FromMilliseconds(1)) return null;
        return linger < _options.MaxFanOutLinger ? linger : _options.MaxFanOutLinger;
    }

    /// <summary>Reads the stream after the last frame taken and hands out what pub/sub did not bring.</summary>
    private async Task FillAsync()
    {
        try
        {
            while (true)
            {
                var page = await _log.ReadAfterAsync(SessionId, _sequencer.Last, FillPageSize);
                if (page.Count == 0) return;
                _sequencer.AcceptFilled(page);
                _metrics.FramesFilled(page.Count);
                Dispatch(page);
                if (page.Count < FillPageSize) return;
            }
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // The next message's gap, the next periodic check or the reconnect check tries again.
            LogFillFailed(e, SessionId);
        }
    }

    /// <summary>Hands frames to every viewer as one batch; returns how many viewers there were.</summary>
    private int Dispatch(IReadOnlyList<RawFrame> frames)
    {
        if (frames.Count == 0) return 0;
        var batch = new LiveBatch(frames);
        Viewer[] viewers;
        lock (_gate)
        {
            _published = batch.Last;
            viewers = _viewers;
        }
        foreach (var viewer in viewers) viewer.Deliver(batch);
        Trace?.Relayed(batch, viewers.Length);
        _metrics.FramesRelayed(frames, viewers.Length);
        return viewers.Length;
    }

    [LoggerMessage(10, LogLevel.Warning, "Ignored a malformed live message on session {SessionId}; reading the stream instead")]
    private partial void LogBadMessage(Exception exception, string sessionId);

    [LoggerMessage(11, LogLevel.Warning, "Reading missed frames of session {SessionId} failed; will retry")]
    private partial void LogFillFailed(Exception exception, string sessionId);

    [LoggerMessage(12, LogLevel.Warning, "Unsubscribing from session {SessionId} failed")]
    private partial void LogUnsubscribeFailed(Exception exception, string sessionId);
}
