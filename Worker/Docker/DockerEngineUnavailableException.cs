namespace Aspire.Sandbox.Worker.Docker;

/// <summary>
/// The engine could not be reached (socket missing, refused, permission denied) or the connection broke
/// mid-request, e.g. because dockerd restarted. Callers treat this as an infrastructure fault, not a bad request.
/// </summary>
public sealed class DockerEngineUnavailableException : DockerException
{
    public DockerEngineUnavailableException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
