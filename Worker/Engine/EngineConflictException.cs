using System.Net;

namespace Aspire.Sandbox.Worker.Engine;

/// <summary>The engine refused because of the state of things: a name in use, a container not running, a volume in use.</summary>
public sealed class EngineConflictException : EngineRequestException
{
    public EngineConflictException(string message, Exception? innerException = null)
        : base(HttpStatusCode.Conflict, message, innerException)
    {
    }
}
