namespace Aspire.Sandbox.Worker.Docker;

/// <summary>Base of every error this client raises, so callers can catch "anything Docker" in one place.</summary>
public class DockerException : Exception
{
    public DockerException(string message)
        : base(message)
    {
    }

    public DockerException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
