using System.Diagnostics;
using Aspire.Sandbox.Contracts.Work;
using Aspire.Sandbox.Worker.Publishing;

namespace Aspire.Sandbox.Worker;

/// <summary>
/// The worker's spans (source <c>Aspire.Sandbox.Worker</c>, picked up by ServiceDefaults' wildcard). Claimed work is a
/// consumer span whose parent is the traceparent its work item carries (the Api's), so a session's or a run's work joins
/// the trace of the request that queued it; container, exec and publishing steps are its children. Tags are ids,
/// codes and counts only: never a command, an env value, a prompt or output.
/// </summary>
public static class WorkerTelemetry
{
    public const string SourceName = "Aspire.Sandbox.Worker";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>
    /// The span of one claimed work item ("create sandbox", "run", "delete session"), a consumer whose parent is the
    /// item's traceparent; a root span when the item carries none (queued before traces travelled in work items).
    /// </summary>
    public static Activity? StartWork(WorkItem item)
    {
        if (!Source.HasListeners()) return null;
        if (!ActivityContext.TryParse(item.TraceParent, null, isRemote: true, out var parent))
        {
            // Not the lane's ambient activity (whatever was current when the lane started): a trace of its own.
            Activity.Current = null;
            parent = default;
        }
        var activity = Source.StartActivity(WorkKinds.SpanName(item.Kind), ActivityKind.Consumer, parent);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("messaging.system", "redis");
            activity.SetTag("messaging.operation.type", "process");
            activity.SetTag("sandbox.work.kind", item.Kind);
            activity.SetTag("sandbox.session.id", item.SessionId);
            if (item.RunId is not null) activity.SetTag("sandbox.run.id", item.RunId);
            activity.SetTag("sandbox.work.entry_id", item.EntryId);
            activity.SetTag("sandbox.work.reclaimed", item.Reclaimed);
            activity.SetTag("sandbox.worker", WorkerIdentity.Current);
        }
        return activity;
    }

    /// <summary>A child span of the current one for a step (container create, exec start, …); null when nobody records.</summary>
    public static Activity? StartStep(string name) => Source.StartActivity(name, ActivityKind.Internal);

    /// <summary>Marks <paramref name="activity"/> failed with the exception's type (its message may quote a command, so it stays out).</summary>
    public static void Fail(this Activity? activity, Exception exception)
    {
        if (activity is null) return;
        activity.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
        activity.SetTag("error.type", exception.GetType().FullName);
    }

    /// <summary>
    /// "first frames published": a child span of the current one from now until every frame published so far (the
    /// first of a session or run) has reached Redis. The caller does not wait: the span ends on its own, off the
    /// frame path (a flush marker in the publisher's queue, no more).
    /// </summary>
    public static void TraceFirstFramesPublished(FramePublisher frames)
    {
        var current = Activity.Current;
        if (Source.StartActivity("first frames published", ActivityKind.Producer) is not { } activity) return;
        Activity.Current = current; // a sibling of the caller's next steps, not their parent
        _ = EndWhenFlushedAsync(frames, activity);
    }

    private static async Task EndWhenFlushedAsync(FramePublisher frames, Activity activity)
    {
        try
        {
            // Bounded: Redis away holds frames for as long as it takes, the span does not wait forever for them.
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await frames.FlushAsync(timeout.Token);
        }
        catch (OperationCanceledException e)
        {
            activity.Fail(e);
        }
        finally
        {
            activity.Dispose();
        }
    }
}
