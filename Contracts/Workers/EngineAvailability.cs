namespace Aspire.Sandbox.Contracts.Workers;

/// <summary>Whether sandboxes can be started now, as the workers last reported it.</summary>
public enum EngineAvailability
{
    /// <summary>No worker has reported lately: work waits in the queue until one comes.</summary>
    NoWorkers,

    /// <summary>At least one worker reaches its Docker engine.</summary>
    Available,

    /// <summary>Workers are alive, but none reaches its Docker engine: new work could not start.</summary>
    Unavailable,
}
