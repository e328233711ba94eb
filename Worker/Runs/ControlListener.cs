using Aspire.Sandbox.Contracts.Control;
using Aspire.Sandbox.Contracts.Redis;
using Aspire.Sandbox.Worker.Engine;
using StackExchange.Redis;

namespace Aspire.Sandbox.Worker.Runs;

/// <summary>
/// Applies control messages (input, resize, stop) to the runs this worker executes. Every worker
/// listens to every session's channel and acts only on runs it has. Messages are handled one at a
/// time in the order Redis delivered them (a subscription's message queue, not a handler, which
/// StackExchange.Redis may run concurrently: keystrokes would be reordered); handling never waits.
/// </summary>
public sealed partial class ControlListener(
    IConnectionMultiplexer redis, ActiveRuns activeRuns, ISandboxEngine engine, ILogger<ControlListener> logger) : BackgroundService
{
    private ChannelMessageQueue? _queue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _queue = await redis.GetSubscriber().SubscribeAsync(RedisKeys.AllControl);
        _queue.OnMessage(message => OnMessage((string)message.Channel!, (string)message.Message!, stoppingToken));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        try { if (_queue is not null) await _queue.UnsubscribeAsync(); }
        catch (RedisException) { } // Redis may already be gone at shutdown: nothing left to release.
        await base.StopAsync(cancellationToken);
    }

    private void OnMessage(string channel, string json, CancellationToken ct)
    {
        if (!channel.StartsWith(RedisKeys.ControlChannelPrefix, StringComparison.Ordinal)) return;
        var sessionId = channel[RedisKeys.ControlChannelPrefix.Length..];
        if (ControlMessage.FromJson(json) is not { } message || activeRuns.Find(sessionId, message.RunId) is not { } run) return;

        switch (message.Kind)
        {
            case ControlKinds.Input when message.Data is not null:
                if (!run.Input.Writer.TryWrite(message.Data)) LogInputDropped(run.RunId);
                break;
            case ControlKinds.Resize when run.Tty && run.ExecId is { } execId && message is { Cols: > 0, Rows: > 0 }:
                _ = ResizeAsync(execId, message.Cols.Value, message.Rows.Value, ct);
                break;
            case ControlKinds.Stop:
                run.RequestStop("stopped");
                break;
        }
    }

    private async Task ResizeAsync(string execId, int cols, int rows, CancellationToken ct)
    {
        try { await engine.ResizeExecAsync(execId, cols, rows, ct); }
        catch (SandboxEngineException e) { LogResizeFailed(e, execId); }
    }

    [LoggerMessage(60, LogLevel.Warning, "Input for run {RunId} dropped: too much is waiting")]
    private partial void LogInputDropped(string runId);

    [LoggerMessage(61, LogLevel.Warning, "Resizing exec {ExecId} failed")]
    private partial void LogResizeFailed(Exception exception, string execId);
}
