/// <summary>
/// What the dashboard shows of one session, read from its Redis records (see Contracts' SessionStore). A record with
/// value equality: the watcher publishes a child only when this changes.
/// </summary>
internal sealed record SandboxRecord(
    string SessionId,
    string Status,
    string Template,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? LastActivityAt,
    string? CurrentRun,
    string? Worker,
    string? LastRun,
    string? LastRunStatus,
    int? LastRunExitCode,
    string? TraceId = null,
    bool WorkerGone = false)
{
    /// <summary>
    /// A session no worker drives any more: its status says it lives, but the worker that holds it has no lease (it
    /// stopped or died without ending the session, and no other worker adopted it). Its sandbox is gone or unwatched.
    /// </summary>
    public bool IsLost => WorkerGone && !SandboxSnapshots.IsEnded(Status);

    /// <summary>Ended, or lost: not a live sandbox.</summary>
    public bool IsOver => IsLost || SandboxSnapshots.IsEnded(Status);

    /// <summary>The run Stop acts on: the current one, else the last one while it is queued or running.</summary>
    public string? StoppableRun =>
        CurrentRun ?? (LastRunStatus is "queued" or "running" ? LastRun : null);
}
