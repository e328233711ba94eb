using System.Collections.Concurrent;
using Aspire.Sandbox.Contracts.Frames;
using Aspire.Sandbox.Contracts.Redis;
using Aspire.Sandbox.Web.Hubs;
using Microsoft.AspNetCore.SignalR;
using StackExchange.Redis;

namespace Aspire.Sandbox.Web.Relay;

/// <summary>
/// Relays session frames from Redis to hub connections. A session's live channel is subscribed
/// while it has viewers here and released after the last leaves. A new viewer is attached to the
/// live feed first (holding what arrives), then replays the stream, then takes the held frames
/// newer than the replay: no gap, no duplicate.
/// </summary>
public sealed partial class FrameRelay(
    IConnectionMultiplexer redis,
    FrameLog log,
    IHubContext<SessionsHub, ISessionsClient> hub,
    ILogger<FrameRelay> logger)
{
    private const int ReplayPageSize = 500;
    private const int MaxSendBatch = 256;

    private readonly ConcurrentDictionary<string, SessionFeed> _feeds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, List<Viewer>> _byConnection = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _subscriptions = new(1, 1);

    internal async Task SubscribeAsync(string connectionId, string sessionId, StreamId after, CancellationToken ct)
    {
        await UnsubscribeAsync(connectionId, sessionId); // a re-subscribe replaces the old position
        var viewer = new Viewer(connectionId, sessionId, after);
        var feed = await AttachAsync(viewer);
        _byConnection.AddOrUpdate(connectionId, _ => [viewer], (_, list) => { lock (list) list.Add(viewer); return list; });
        viewer.Pump = Task.Run(() => PumpAsync(viewer), CancellationToken.None);

        while (true)
        {
            var page = await log.ReadAfterAsync(sessionId, viewer.LastQueued, ReplayPageSize);
            foreach (var frame in page) viewer.Queue(frame);
            if (page.Count < ReplayPageSize) break;
            ct.ThrowIfCancellationRequested();
        }
        feed.GoLive(viewer);
        LogSubscribed(connectionId, sessionId, after.ToString());
    }

    internal async Task UnsubscribeAsync(string connectionId, string sessionId)
    {
        if (!_byConnection.TryGetValue(connectionId, out var list)) return;
        Viewer? viewer;
        lock (list) viewer = list.Find(v => v.SessionId == sessionId);
        if (viewer is null) return;
        lock (list) list.Remove(viewer);
        await DetachAsync(viewer);
    }

    internal async Task DisconnectAsync(string connectionId)
    {
        if (!_byConnection.TryRemove(connectionId, out var list)) return;
        Viewer[] viewers;
        lock (list) viewers = [.. list];
        foreach (var viewer in viewers) await DetachAsync(viewer);
    }

    private async Task<SessionFeed> AttachAsync(Viewer viewer)
    {
        await _subscriptions.WaitAsync();
        try
        {
            if (!_feeds.TryGetValue(viewer.SessionId, out var feed))
            {
                feed = new SessionFeed(viewer.SessionId);
                _feeds[viewer.SessionId] = feed;
                // Subscribed before any replay is read, so nothing published from here on is missed.
                await redis.GetSubscriber().SubscribeAsync(RedisKeys.LiveChannel(viewer.SessionId), (_, message) => OnMessage(feed, message));
            }
            feed.Add(viewer);
            return feed;
        }
        finally
        {
            _subscriptions.Release();
        }
    }

    private async Task DetachAsync(Viewer viewer)
    {
        viewer.Outbox.Writer.TryComplete();
        await _subscriptions.WaitAsync();
        try
        {
            if (_feeds.TryGetValue(viewer.SessionId, out var feed) && feed.Remove(viewer.ConnectionId) is not null && feed.Count == 0)
            {
                _feeds.TryRemove(viewer.SessionId, out _);
                await redis.GetSubscriber().UnsubscribeAsync(RedisKeys.LiveChannel(viewer.SessionId));
            }
        }
        finally
        {
            _subscriptions.Release();
        }
    }

    private void OnMessage(SessionFeed feed, RedisValue message)
    {
        try
        {
            feed.OnLive(FrameLog.ParseLiveMessage((string)message!));
        }
        catch (FormatException e)
        {
            LogBadMessage(e, feed.SessionId);
        }
    }

    /// <summary>Sends a viewer's frames in order, batching whatever has accumulated (never waiting for more).</summary>
    private async Task PumpAsync(Viewer viewer)
    {
        var client = hub.Clients.Client(viewer.ConnectionId);
        var batch = new List<RawFrame>(MaxSendBatch);
        var reader = viewer.Outbox.Reader;
        try
        {
            while (await reader.WaitToReadAsync())
            {
                while (batch.Count < MaxSendBatch && reader.TryRead(out var frame)) batch.Add(frame);
                await client.Frames(batch.ToArray());
                batch.Clear();
            }
        }
        catch (Exception e)
        {
            LogSendFailed(e, viewer.ConnectionId, viewer.SessionId);
        }
    }

    [LoggerMessage(1, LogLevel.Debug, "Connection {ConnectionId} subscribed to session {SessionId} after {AfterId}")]
    private partial void LogSubscribed(string connectionId, string sessionId, string afterId);

    [LoggerMessage(2, LogLevel.Warning, "Ignored a malformed live message on session {SessionId}")]
    private partial void LogBadMessage(Exception exception, string sessionId);

    [LoggerMessage(3, LogLevel.Warning, "Sending frames to connection {ConnectionId} (session {SessionId}) failed")]
    private partial void LogSendFailed(Exception exception, string connectionId, string sessionId);
}
