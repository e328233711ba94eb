namespace Aspire.Hosting.Dashboard;

/// <summary>What the dashboard reads from the running application.</summary>
internal interface IDashboardData
{
    IReadOnlyList<ResourceSnapshot> GetResourceSnapshots();

    bool TryGetLogs(string resourceName, long afterSequence, out IReadOnlyList<ResourceLogLine> lines);
}
