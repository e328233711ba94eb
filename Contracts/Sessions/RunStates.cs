namespace Aspire.Sandbox.Contracts.Sessions;

public static class RunStates
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Exited = "exited";
    public const string Stopped = "stopped";
    public const string Failed = "failed";
}
