using System.Collections.Immutable;
using System.Globalization;

/// <summary>How a session looks in the dashboard: its state, properties and link, from its <see cref="SandboxRecord"/>.</summary>
internal static class SandboxSnapshots
{
    /// <summary>The property the dashboard nests a resource by (Aspire's own name for it).</summary>
    public const string ParentNameProperty = "resource.parentName";

    /// <summary>The run Stop acts on (empty when none); the Stop command reads it to enable itself.</summary>
    public const string StoppableRunProperty = "sandbox.stoppableRun";

    /// <summary>The property that holds the session's trace id (its trace in the dashboard's Traces).</summary>
    public const string TraceIdProperty = "sandbox.traceId";

    public static CustomResourceSnapshot Apply(
        CustomResourceSnapshot previous, SandboxRecord record, SandboxContainer? container, SandboxLinks links, string parentName)
    {
        var ended = record.IsOver;
        var sessionLink = links.Session(record.SessionId);
        var traceLink = links.Trace(record.TraceId);
        return previous with
        {
            ResourceType = SandboxResource.ResourceType,
            State = record.IsLost ? new("lost", KnownResourceStateStyles.Warn) : StateOf(record.Status),
            CreationTimeStamp = record.CreatedAt?.UtcDateTime,
            StartTimeStamp = record.CreatedAt?.UtcDateTime,
            StopTimeStamp = ended ? record.LastActivityAt?.UtcDateTime : null,
            ExitCode = ended ? record.LastRunExitCode : null,
            Properties =
            [
                new(ParentNameProperty, parentName),
                new(CustomResourceKnownProperties.Source, container is null ? record.Template : $"{record.Template} ({container.Image})"),
                new("sandbox.session", record.SessionId),
                new("sandbox.template", record.Template),
                new("sandbox.status", record.Status),
                new("sandbox.image", container?.Image ?? ""),
                new("sandbox.containerId", container?.Id ?? ""),
                new("sandbox.worker", record.Worker ?? ""),
                new("sandbox.lastRun", LastRunText(record)),
                new(TraceIdProperty, record.TraceId ?? ""),
                new(StoppableRunProperty, ended ? "" : record.StoppableRun ?? ""),
            ],
            Urls =
            [
                .. sessionLink is null ? [] : new[] { Url("session", sessionLink, "Open session", order: 1) },
                .. traceLink is null ? [] : new[] { Url("trace", traceLink, "Open trace", order: 0) },
            ],
            IsHidden = false,
        };
    }

    public static CustomResourceSnapshot Hide(CustomResourceSnapshot previous) =>
        previous with { State = new ResourceStateSnapshot("deleted", null), IsHidden = true, Urls = [], Properties = HideRun(previous.Properties) };

    private static UrlSnapshot Url(string name, Uri url, string text, int order) =>
        new(name, url.ToString(), IsInternal: false) { DisplayProperties = new UrlDisplayPropertiesSnapshot(text, order) };

    public static bool IsEnded(string status) => status is "stopped" or "failed" or "expired" or "deleted";

    /// <summary>
    /// The states the issue names: a session that is idle between runs is ready for the next; one past its lifetime
    /// shows as stopped (its status property says expired).
    /// </summary>
    private static ResourceStateSnapshot StateOf(string status) => status switch
    {
        "starting" => new("starting", KnownResourceStateStyles.Info),
        "ready" or "idle" => new("ready", KnownResourceStateStyles.Success),
        "running" => new("running", KnownResourceStateStyles.Success),
        "sleeping" => new("sleeping", KnownResourceStateStyles.Info),
        "stopped" or "expired" => new("stopped", KnownResourceStateStyles.Warn),
        "failed" => new("failed", KnownResourceStateStyles.Error),
        _ => new(status, null),
    };

    private static string LastRunText(SandboxRecord record) => record.LastRun is null ? "" :
        record.LastRunExitCode is { } exit
            ? string.Create(CultureInfo.InvariantCulture, $"{record.LastRun} {record.LastRunStatus} (exit {exit})")
            : $"{record.LastRun} {record.LastRunStatus}";

    private static ImmutableArray<ResourcePropertySnapshot> HideRun(ImmutableArray<ResourcePropertySnapshot> properties) =>
        [.. properties.Select(p => p.Name == StoppableRunProperty ? p with { Value = "" } : p)];
}
