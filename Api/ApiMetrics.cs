using System.Diagnostics.Metrics;

namespace Aspire.Sandbox.Api;

/// <summary>The Api's instruments (meter <c>Aspire.Sandbox.Api</c>, picked up by ServiceDefaults' wildcard).</summary>
public sealed class ApiMetrics
{
    public const string MeterName = "Aspire.Sandbox.Api";

    private readonly Counter<long> _sessionsCreated;
    private readonly Counter<long> _runsAccepted;

    public ApiMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _sessionsCreated = meter.CreateCounter<long>("sandbox.api.sessions.created", "{session}",
            "Sessions created and queued for a worker to start their sandbox.");
        _runsAccepted = meter.CreateCounter<long>("sandbox.api.runs.accepted", "{run}",
            "Runs accepted and queued for a worker (202 Accepted, status queued).");
    }

    public void SessionCreated() => _sessionsCreated.Add(1);

    public void RunAccepted() => _runsAccepted.Add(1);
}
