using System.Collections.Immutable;
using System.Globalization;

/// <summary>How a session looks in the dashboard: its state, properties and link, from its <see cref="SandboxRecord"/>.</summary>
internal static class SandboxSnapshots
{
    /// <summary>The property the dashboard nests a resource by (Aspire's own name for it).</summary>
    public const string ParentNameProperty = "resource.parentName";

    /// <summary>The run Stop acts on (empty when none); the Stop command reads it to enable itself.</summary>
    public const string StoppableRunProperty = "sandbox.stoppableRun";

    public static CustomResourceSnapshot Apply(
        CustomResourceSnapshot previous, SandboxRecord record, SandboxContainer? container, Uri? sessionLink, string parentName)
    {
        var ended = IsEnded(record.Status);
        return previous with
        {
            ResourceType = SandboxResource.ResourceType,
            State = StateOf(record.Status),
            CreationTimeStamp = record.CreatedAt?.UtcDateTime,
            StartTimeStamp = record.CreatedAt?.UtcDateTime,
            StopTimeStamp = ended ? record.LastActivityAt?.UtcDateTime : null,
            ExitCode = ended ? record.LastRunExitCode : null,
            Properties =
            [
                new(ParentNameProperty, parentName),
                new("sandbox.session", record.SessionId),
                new("sandbox.template", record.Template),
                new("sandbox.status", record.Status),
                new("sandbox.image", container?.Image ?? ""),
                new("sandbox.containerId", container?.Id ?? ""),
                new("sandbox.worker", record.Worker ?? ""),
                new("sandbox.lastRun", LastRunText(record)),
                new(StoppableRunProperty, ended ? "" : record.StoppableRun ?? ""),
            ],
            Urls = sessionLink is null ? [] : [new UrlSnapshot("session", sessionLink.ToString(), IsInternal: false)
            {
                DisplayProperties = new UrlDisplayPropertiesSnapshot("Open session"),
            }],
            IsHidden = false,
        };
    }

    public static CustomResourceSnapshot Hide(CustomResourceSnapshot previous) =>
        previous with { State = new ResourceStateSnapshot("deleted", null), IsHidden = true, Urls = [], Properties = HideRun(previous.Properties) };

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
