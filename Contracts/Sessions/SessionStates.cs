namespace Aspire.Sandbox.Contracts.Sessions;

/// <summary>Session states (the <c>status</c> frame's <c>state</c> and the session's <c>status</c>).</summary>
public static class SessionStates
{
    public const string Starting = "starting";
    public const string Ready = "ready";
    public const string Running = "running";
    public const string Idle = "idle";
    public const string Sleeping = "sleeping";
    public const string Stopped = "stopped";
    public const string Failed = "failed";
    public const string Deleted = "deleted";

    /// <summary>Past its template's maximum lifetime: the sandbox is removed, the history stays readable.</summary>
    public const string Expired = "expired";
}
