using System.Net;

namespace Aspire.Sandbox.Worker.Docker;

/// <summary>The engine answered with an error status; <see cref="Exception.Message"/> is the engine's own "message".</summary>
public class DockerApiException : DockerException
{
    public DockerApiException(HttpStatusCode statusCode, string message)
        : base(message)
    {
        StatusCode = statusCode;
    }

    public HttpStatusCode StatusCode { get; }
}
