namespace Aspire.Sandbox.Worker.Queue;

/// <summary>
/// A worker's lease on the work it holds (section <c>Sandbox:Queue</c>; environment
/// <c>Sandbox__Queue__LeaseTimeout</c>, <c>Sandbox__Queue__ReclaimInterval</c>).
/// </summary>
public sealed class WorkLeaseOptions
{
    public const string SectionName = "Sandbox:Queue";

    /// <summary>
    /// A worker that has not renewed its lease for this long counts as dead: another adopts its sessions and
    /// every work entry it held (<c>WorkItem.Reclaimed</c>). Renewed every third of it.
    /// </summary>
    public TimeSpan LeaseTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often a worker looks for dead workers' entries.</summary>
    public TimeSpan ReclaimInterval { get; set; } = TimeSpan.FromSeconds(1);
}
