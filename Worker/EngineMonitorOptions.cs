namespace Aspire.Sandbox.Worker;

/// <summary>
/// How the worker watches its Docker engine (section <c>Sandbox:Docker</c>, beside <c>Endpoint</c>; the AppHost
/// forwards the section: <c>--Sandbox:Docker:CheckInterval=00:00:05</c>).
/// </summary>
public sealed class EngineMonitorOptions
{
    public const string SectionName = "Sandbox:Docker";

    /// <summary>How often the engine is asked whether it is there; the Api notices an outage within about this.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>An engine that has not answered by then counts as gone.</summary>
    public TimeSpan CheckTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one report counts: a few intervals, so one slow check does not make this worker vanish.</summary>
    public TimeSpan ReportValidFor => CheckInterval * 3 + CheckTimeout;
}
