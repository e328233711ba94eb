namespace Aspire.Sandbox.Contracts.Sessions;

/// <summary>Session states (the <c>status</c> frame's <c>state</c> and the session's <c>status</c>).</summary>
public static class SessionStates
{
    public const string Starting = "starting";
    public const string Ready = "ready";
    public const string Running = "running";
    public const string Idle = "idle";
    public const string Sleeping = "sleeping";
    /// <summary>The sandbox went with the app that ran it (a local worker removes its sandboxes when it stops).</summary>
    public const string Stopped = "stopped";
    public const string Failed = "failed";
    public const string Deleted = "deleted";

    /// <summary>Past its template's maximum lifetime: the sandbox is removed, the history stays readable.</summary>
    public const string Expired = "expired";

    /// <summary>States a session never leaves: its sandbox is gone for good, its history stays readable.</summary>
    public static readonly IReadOnlyList<string> Ended = [Deleted, Failed, Expired, Stopped];

    /// <summary>Every status a session can have (a listing filter names one).</summary>
    public static readonly IReadOnlyList<string> All = [Starting, Ready, Running, Idle, Sleeping, Stopped, Failed, Deleted, Expired];

    public static bool HasEnded(string status) => Ended.Contains(status);
}
