using System.Diagnostics;
using Aspire.Sandbox.Contracts.Redis;
using Aspire.Sandbox.Contracts.Work;

namespace Aspire.Sandbox.Api;

/// <summary>
/// The Api's spans (source <c>Aspire.Sandbox.Api</c>, picked up by ServiceDefaults' wildcard). Queuing work is a
/// producer span under the request's server span; its traceparent travels in the work item, so the worker's span
/// (a consumer) continues the same trace. Tags are ids only, never a body, an env value or a prompt.
/// </summary>
public static class ApiTelemetry
{
    public const string SourceName = "Aspire.Sandbox.Api";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>
    /// Queues <paramref name="item"/> inside a producer span named for its kind ("queue create sandbox", "queue run",
    /// "queue delete session"), with the span's traceparent (the request's, when nobody records) in the item.
    /// </summary>
    public static async Task<string> EnqueueTracedAsync(this WorkQueue work, WorkItem item)
    {
        using var activity = Source.StartActivity("queue " + WorkKinds.SpanName(item.Kind), ActivityKind.Producer);
        if (activity is not null)
        {
            activity.SetTag("messaging.system", "redis");
            activity.SetTag("messaging.operation.type", "send");
            activity.SetTag("sandbox.work.kind", item.Kind);
            activity.SetTag("sandbox.session.id", item.SessionId);
            if (item.RunId is not null) activity.SetTag("sandbox.run.id", item.RunId);
        }
        var entryId = await work.EnqueueAsync(item with { TraceParent = Activity.Current?.Id });
        activity?.SetTag("sandbox.work.entry_id", entryId);
        return entryId;
    }
}
