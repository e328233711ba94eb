using System.Collections.Concurrent;
using Aspire.Sandbox.Contracts.Sessions;
using Microsoft.Extensions.Options;

namespace Aspire.Sandbox.Worker.Previews;

/// <summary>
/// Preview traffic is activity: a sandbox someone is looking at does not fall asleep. Recorded in the session record at most
/// once per <see cref="WorkerPreviewOptions.ActivityInterval"/> per session, off the request's path.
/// </summary>
public sealed partial class PreviewActivity(SessionStore sessions, TimeProvider time, IOptions<WorkerPreviewOptions> options, ILogger<PreviewActivity> logger)
{
    private readonly ConcurrentDictionary<string, long> _lastRecorded = new(StringComparer.Ordinal);

    public void Seen(string sessionId)
    {
        var now = time.GetTimestamp();
        var last = _lastRecorded.GetOrAdd(sessionId, long.MinValue);
        if (last != long.MinValue && time.GetElapsedTime(last, now) < options.Value.ActivityInterval) return;
        if (!_lastRecorded.TryUpdate(sessionId, now, last)) return; // another request records it
        _ = RecordAsync(sessionId);
    }

    public void Forget(string sessionId) => _lastRecorded.TryRemove(sessionId, out _);

    private async Task RecordAsync(string sessionId)
    {
        try
        {
            await sessions.TouchAsync(sessionId);
        }
        catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException)
        {
            LogTouchFailed(e, sessionId);
        }
    }

    [LoggerMessage(113, LogLevel.Warning, "Could not record preview activity of session {SessionId}")]
    private partial void LogTouchFailed(Exception exception, string sessionId);
}
