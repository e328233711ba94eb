using Aspire.Hosting.Redis;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

/// <summary>
/// Keeps the <c>sandboxes</c> resource's children in step with the session records in Redis. It polls once a second
/// rather than listening to <c>sbx:live:*</c>: status changes travel on the same channels as every output frame
/// (thousands a second under load), so a pattern subscription would make the AppHost receive and parse all of them,
/// while a poll costs a fixed few round trips (see <see cref="SandboxRecordReader"/>) whatever the sandboxes print.
/// </summary>
internal sealed partial class SandboxesWatcher(
    SandboxesResource parent,
    RedisResource redis,
    SandboxLinks links,
    SandboxApi api,
    ResourceNotificationService notifications,
    TimeProvider time,
    ILogger<SandboxesWatcher> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>Sessions that ended before the AppHost started are history, not sandboxes: shown only if this recent.</summary>
    private static readonly TimeSpan EndedRecently = TimeSpan.FromMinutes(1);

    private readonly Dictionary<string, SandboxChild> _children = new(StringComparer.Ordinal);
    private readonly HashSet<string> _done = new(StringComparer.Ordinal);
    private readonly SandboxContainers _containers = new(time);
    private int? _shownLive;
    private bool _failing;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await PublishParentAsync("Waiting", KnownResourceStateStyles.Info, live: 0);
        try
        {
            await notifications.WaitForResourceHealthyAsync(redis.Name, stoppingToken);
            var connectionString = await redis.GetConnectionStringAsync(stoppingToken)
                ?? throw new InvalidOperationException("Redis has no connection string.");
            var options = ConfigurationOptions.Parse(connectionString);
            options.AbortOnConnectFail = false; // a Redis restart pauses the watch; it does not end it
            await using var connection = await ConnectionMultiplexer.ConnectAsync(options);
            var reader = new SandboxRecordReader(connection);
            var since = time.GetUtcNow() - EndedRecently;
            LogWatching(logger);

            using var timer = new PeriodicTimer(Interval, time);
            do
            {
                await CycleAsync(reader, since, stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task CycleAsync(SandboxRecordReader reader, DateTimeOffset since, CancellationToken ct)
    {
        try
        {
            var ids = (await reader.ListSessionIdsAsync(ct)).Where(id => !_done.Contains(id)).ToList();
            var records = await reader.ReadAsync(ids);
            await _containers.RefreshAsync(records.Where(r => !r.IsOver).Select(r => r.SessionId), ct);

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var record in records)
            {
                seen.Add(record.SessionId);
                await UpdateAsync(record, since, ct);
            }
            foreach (var gone in _children.Keys.Where(id => !seen.Contains(id)).ToList())
                await HideAsync(gone); // its records were removed from Redis altogether

            var live = _children.Values.Count(c => c.Shown is { } r && !r.IsOver);
            if (_shownLive != live || _failing) await PublishParentAsync("Watching", KnownResourceStateStyles.Success, live);
            _failing = false;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            if (!_failing) LogRedisFailed(logger, e);
            _failing = true;
            await PublishParentAsync("Redis unavailable", KnownResourceStateStyles.Warn, _shownLive ?? 0);
        }
    }

    private async Task UpdateAsync(SandboxRecord record, DateTimeOffset since, CancellationToken ct)
    {
        var id = record.SessionId;
        if (!_children.TryGetValue(id, out var child))
        {
            // Over before this AppHost started: history, not a sandbox. A lost one's container went with its AppHost
            // (the reaper removes those at start); its record says it lives only because no worker ended it.
            var history = record.IsOver && (record.LastActivityAt ?? DateTimeOffset.MinValue) < since;
            if (record.Status == "deleted" || history)
            {
                _done.Add(id); // never shown, never will be: not read again
                return;
            }
            child = new SandboxChild(SandboxCommands.Create(id, api));
            _children[id] = child;
            LogAppeared(logger, id, child.Resource.Name);
        }

        if (record.Status == "deleted")
        {
            await HideAsync(id);
            return;
        }

        var container = _containers.Find(id);
        if (child.Shown == record && child.Container == container) return;
        child.Shown = record;
        child.Container = container;
        await notifications.PublishUpdateAsync(child.Resource, child.Resource.Name,
            s => SandboxSnapshots.Apply(s, record, container, links, parent.Name));
    }

    private async Task HideAsync(string id)
    {
        if (!_children.Remove(id, out var child)) return;
        _done.Add(id);
        _containers.Forget(id);
        await notifications.PublishUpdateAsync(child.Resource, child.Resource.Name, SandboxSnapshots.Hide);
        LogHidden(logger, id);
    }

    private Task PublishParentAsync(string state, string style, int live)
    {
        _shownLive = live;
        return notifications.PublishUpdateAsync(parent, s => s with
        {
            State = new ResourceStateSnapshot(state, style),
            Properties = [.. s.Properties.Where(p => p.Name != "sandboxes.live"), new("sandboxes.live", live)],
        });
    }

    private sealed class SandboxChild(SandboxResource resource)
    {
        public SandboxResource Resource { get; } = resource;
        public SandboxRecord? Shown { get; set; }
        public SandboxContainer? Container { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Watching the sessions in Redis for the dashboard's sandboxes")]
    private static partial void LogWatching(ILogger logger);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Session {SessionId} appears as {ResourceName}")]
    private static partial void LogAppeared(ILogger logger, string sessionId, string resourceName);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Session {SessionId} is gone: its sandbox is hidden")]
    private static partial void LogHidden(ILogger logger, string sessionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot read the sessions from Redis; the sandboxes shown may be stale")]
    private static partial void LogRedisFailed(ILogger logger, Exception exception);
}
