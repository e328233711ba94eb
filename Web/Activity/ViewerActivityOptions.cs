namespace Aspire.Sandbox.Web.Activity;

/// <summary>How often watched sessions count as active (section <c>Sandbox:ViewerActivity</c>).</summary>
public sealed class ViewerActivityOptions
{
    public const string SectionName = "Sandbox:ViewerActivity";

    /// <summary>
    /// Time between refreshes of a watched session's last-activity time. Must stay well inside the shortest
    /// template idle timeout, or a watched sandbox can fall asleep between two refreshes; each one is a small
    /// write per watched session, so shorter costs Redis load.
    /// </summary>
    public TimeSpan TouchInterval { get; set; } = TimeSpan.FromSeconds(20);
}
