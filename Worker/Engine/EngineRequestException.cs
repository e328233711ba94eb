using System.Net;

namespace Aspire.Sandbox.Worker.Engine;

/// <summary>The engine answered with an error status; <see cref="Exception.Message"/> is its own explanation.</summary>
public class EngineRequestException : SandboxEngineException
{
    public EngineRequestException(HttpStatusCode statusCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
    }

    public HttpStatusCode StatusCode { get; }
}
