using System.Collections.Concurrent;
using System.Threading.Channels;
using Aspire.Sandbox.Contracts.Frames;
using Aspire.Sandbox.Contracts.Redis;
using Aspire.Sandbox.Contracts.Work;
using Aspire.Sandbox.Worker.Engine;
using Aspire.Sandbox.Worker.Publishing;
using Aspire.Sandbox.Worker.Runs;
using Aspire.Sandbox.Worker.Sandboxes;

namespace Aspire.Sandbox.Worker.Queue;

/// <summary>
/// Executes claimed work one item at a time per session, in order, with sessions in parallel.
/// An item is acknowledged only after it is done and its frames have reached Redis; acknowledging
/// deletes the entry (and a run's sealed secrets) from Redis.
/// </summary>
public sealed partial class SessionWorkDispatcher(
    SandboxManager sandboxes,
    RunExecutor runs,
    FramePublisher frames,
    WorkQueue queue,
    EngineMonitor engine,
    ILogger<SessionWorkDispatcher> logger)
{
    private readonly ConcurrentDictionary<string, SessionLane> _lanes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Task, bool> _running = new();

    public void Dispatch(WorkItem item, CancellationToken stoppingToken)
    {
        var lane = _lanes.GetOrAdd(item.SessionId, _ => StartLane(stoppingToken));
        var waiting = Interlocked.Increment(ref lane.Pending) - 1;
        if (item.Kind == WorkKinds.Run && waiting > 0)
            frames.Publish(new RunQueuedFrame { Session = item.SessionId, Run = item.RunId, Position = waiting });
        lane.Items.Writer.TryWrite(item);
    }

    /// <summary>Waits for in-flight work to finish (or observe cancellation) during shutdown.</summary>
    public Task DrainAsync() => Task.WhenAll(_running.Keys);

    private SessionLane StartLane(CancellationToken stoppingToken)
    {
        var lane = new SessionLane();
        var task = Task.Run(() => ProcessLaneAsync(lane, stoppingToken), CancellationToken.None);
        _running[task] = true;
        task.ContinueWith(t => _running.TryRemove(t, out _), TaskScheduler.Default);
        return lane;
    }

    private async Task ProcessLaneAsync(SessionLane lane, CancellationToken ct)
    {
        await foreach (var item in lane.Items.Reader.ReadAllAsync(ct))
        {
            try
            {
                // The item's span: a child of the request that queued it (its traceparent), parent of the steps below.
                using var activity = WorkerTelemetry.StartWork(item);
                try
                {
                    await ExecuteAsync(item, ct);
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    // A bad item must not wedge its session: report it, acknowledge it, go on.
                    activity.Fail(e);
                    LogItemFailed(e, item.Kind, item.SessionId, item.EntryId);
                    frames.Publish(new ErrorFrame { Session = item.SessionId, Run = item.RunId, Code = "internal", Message = $"The worker could not process '{item.Kind}'." });
                }
                await frames.FlushAsync(ct);
                await AcknowledgeAsync(item, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return; // unacknowledged: the entry stays pending for a later claim
            }
            finally
            {
                Interlocked.Decrement(ref lane.Pending);
            }
        }
    }

    /// <summary>Acknowledges once Redis answers: an entry left pending would run again after this worker's lease.</summary>
    private async Task AcknowledgeAsync(WorkItem item, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await queue.AcknowledgeAsync(item.EntryId!, item.RunId);
                return;
            }
            catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException)
            {
                if (attempt == 1) LogAckFailed(e, item.EntryId);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(100 * attempt, 1000)), ct);
            }
        }
    }

    private Task ExecuteAsync(WorkItem item, CancellationToken ct) => item.Kind switch
    {
        WorkKinds.CreateSession => CreateSandboxAsync(item, ct),
        WorkKinds.Run => runs.RunAsync(item.SessionId, item.RunId!, WorkQueue.ReadBody<RunWork>(item), ct, item.Reclaimed),
        WorkKinds.DeleteSession => sandboxes.DeleteAsync(item.SessionId, ct),
        _ => throw new InvalidOperationException($"Unknown work kind '{item.Kind}'."),
    };

    /// <summary>
    /// A session whose sandbox could not be made because the engine went away waits for it rather than failing:
    /// accepted work is not lost to an outage the Api could not yet know about. (A run is not retried: its
    /// process may have done part of its work.)
    /// </summary>
    private async Task CreateSandboxAsync(WorkItem item, CancellationToken ct)
    {
        var work = WorkQueue.ReadBody<CreateSessionWork>(item);
        for (var retry = item.Reclaimed; ; retry = true)
        {
            try
            {
                await sandboxes.CreateAsync(item.SessionId, work, replaceLeftover: retry, ct);
                return;
            }
            catch (EngineUnavailableException e)
            {
                LogWaitingForEngine(e, item.SessionId);
                frames.Publish(new ProgressFrame { Session = item.SessionId, Step = "waiting_for_engine", Message = "The Docker engine does not answer; the sandbox is created once it is back." });
                await engine.WhenAnsweringAgainAsync(ct);
            }
        }
    }

    private sealed class SessionLane
    {
        public readonly Channel<WorkItem> Items = Channel.CreateUnbounded<WorkItem>(new() { SingleReader = true });
        public int Pending;
    }

    [LoggerMessage(32, LogLevel.Warning, "The Docker engine went away while creating the sandbox of session {SessionId}; waiting for it")]
    private partial void LogWaitingForEngine(Exception exception, string sessionId);

    [LoggerMessage(31, LogLevel.Warning, "Acknowledging work item {EntryId} failed; retrying")]
    private partial void LogAckFailed(Exception exception, string? entryId);

    [LoggerMessage(30, LogLevel.Error, "Work item {EntryId} ({Kind}) of session {SessionId} failed")]
    private partial void LogItemFailed(Exception exception, string kind, string sessionId, string? entryId);
}
