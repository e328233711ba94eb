namespace Aspire.Sandbox.Worker;

/// <summary>Names this worker process: host and process id, so an operator can find it.</summary>
public static class WorkerIdentity
{
    public static readonly string Current = $"{Environment.MachineName}:{Environment.ProcessId}";
}
