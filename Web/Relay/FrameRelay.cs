using System.Collections.Concurrent;
using Aspire.Sandbox.Contracts.Frames;
using Aspire.Sandbox.Contracts.Redis;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Aspire.Sandbox.Web.Relay;

/// <summary>
/// Relays session frames from Redis to hub connections. One Redis subscription per session serves all its
/// viewers on this instance (a <see cref="SessionFeed"/>), taken with the first viewer and released after the
/// last. A subscriber gets the stream after its id up to the feed's newest batch, then the live batches: no
/// gap, no duplicate (see <see cref="Viewer"/>).
/// </summary>
public sealed partial class FrameRelay(
    IConnectionMultiplexer redis,
    FrameLog log,
    HubConnections connections,
    IOptions<RelayOptions> options,
    RelayMetrics metrics,
    RelayTracing tracing,
    ILogger<FrameRelay> logger)
{
    private readonly RelayOptions _options = options.Value;
    private readonly Lock _feedsGate = new();
    private readonly Dictionary<string, SessionFeed> _feeds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConnectionViewers> _byConnection = new(StringComparer.Ordinal);

    /// <summary>The sessions someone watches through this instance right now.</summary>
    public IReadOnlyList<string> WatchedSessionIds()
    {
        lock (_feedsGate) return [.. _feeds.Keys];
    }

    internal async Task SubscribeAsync(string connectionId, string sessionId, StreamId after)
    {
        var connection = connections.Find(connectionId) ?? throw new HubException("The connection is closing.");
        await UnsubscribeAsync(connectionId, sessionId); // a re-subscribe replaces the old position
        var feed = await AcquireAsync(sessionId);
        var subscription = new Subscription(new Viewer(connection, sessionId, log, _options, metrics, logger), feed);
        if (!_byConnection.GetOrAdd(connectionId, _ => new ConnectionViewers()).TryAdd(subscription, _options.MaxSubscriptionsPerConnection))
        {
            await ReleaseAsync(feed);
            throw new HubException(connection.ConnectionAborted.IsCancellationRequested
                ? "The connection is closing."
                : $"A connection may watch at most {_options.MaxSubscriptionsPerConnection} sessions at once.");
        }
        metrics.ViewerAdded(1);
        feed.Join(subscription.Viewer, after);
        LogSubscribed(connectionId, sessionId, after.ToString());
        // The connection may have gone while this ran, before there was anything for its disconnect to release.
        if (connection.ConnectionAborted.IsCancellationRequested) await DisconnectAsync(connectionId);
    }

    internal async Task UnsubscribeAsync(string connectionId, string sessionId)
    {
        if (_byConnection.TryGetValue(connectionId, out var viewers) && viewers.Remove(sessionId) is { } subscription)
            await DetachAsync(subscription);
    }

    internal async Task DisconnectAsync(string connectionId)
    {
        if (!_byConnection.TryRemove(connectionId, out var viewers)) return;
        foreach (var subscription in viewers.Close()) await DetachAsync(subscription);
    }

    /// <summary>Every feed reads the stream for frames pub/sub may have lost (Redis reconnected, or periodically).</summary>
    public void CheckAll()
    {
        SessionFeed[] feeds;
        lock (_feedsGate) feeds = [.. _feeds.Values];
        foreach (var feed in feeds) if (feed.Ready.IsCompletedSuccessfully) feed.RequestCheck();
    }

    private async Task<SessionFeed> AcquireAsync(string sessionId)
    {
        SessionFeed? feed;
        lock (_feedsGate)
        {
            if (!_feeds.TryGetValue(sessionId, out feed))
            {
                _feeds[sessionId] = feed = new SessionFeed(sessionId, redis.GetSubscriber(), log, _options, metrics, logger) { Trace = tracing.ForFeed(sessionId) };
                metrics.FeedAdded(1);
            }
            feed.References++;
        }
        try
        {
            await feed.Ready;
            return feed;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogFeedFailed(e, sessionId);
            await ReleaseAsync(feed);
            throw new HubException("Live frames are unavailable right now; subscribe again shortly.");
        }
    }

    private async Task ReleaseAsync(SessionFeed feed)
    {
        lock (_feedsGate)
        {
            if (--feed.References > 0) return;
            _feeds.Remove(feed.SessionId);
        }
        metrics.FeedAdded(-1);
        try { await feed.Ready; }
        catch (Exception e) when (e is RedisException or TimeoutException) { }
        await feed.StopAsync();
    }

    private async Task DetachAsync(Subscription subscription)
    {
        subscription.Feed.Leave(subscription.Viewer);
        await subscription.Viewer.StopAsync();
        metrics.ViewerAdded(-1);
        await ReleaseAsync(subscription.Feed);
    }

    [LoggerMessage(1, LogLevel.Debug, "Connection {ConnectionId} subscribed to session {SessionId} after {AfterId}")]
    private partial void LogSubscribed(string connectionId, string sessionId, string afterId);

    [LoggerMessage(2, LogLevel.Warning, "The live feed of session {SessionId} could not start")]
    private partial void LogFeedFailed(Exception exception, string sessionId);
}
