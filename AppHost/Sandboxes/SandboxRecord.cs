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
    int? LastRunExitCode)
{
    /// <summary>The run Stop acts on: the current one, else the last one while it is queued or running.</summary>
    public string? StoppableRun =>
        CurrentRun ?? (LastRunStatus is "queued" or "running" ? LastRun : null);
}
