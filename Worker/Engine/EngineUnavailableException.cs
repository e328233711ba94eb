namespace Aspire.Sandbox.Worker.Engine;

/// <summary>
/// The engine could not be reached, did not answer in time, or the connection broke mid-call (dockerd restarted).
/// An infrastructure fault, not a bad request: the work is retried once the engine answers again.
/// </summary>
public sealed class EngineUnavailableException : SandboxEngineException
{
    public EngineUnavailableException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
