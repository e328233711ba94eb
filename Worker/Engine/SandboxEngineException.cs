namespace Aspire.Sandbox.Worker.Engine;

/// <summary>Base of every error the engine raises, so callers can catch "anything the engine said" in one place.</summary>
public class SandboxEngineException : Exception
{
    public SandboxEngineException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
