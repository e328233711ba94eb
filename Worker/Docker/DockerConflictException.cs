using System.Net;

namespace Aspire.Sandbox.Worker.Docker;

/// <summary>
/// The engine answered 409: a name already in use, a container not running (kill, exec start),
/// a paused container or a volume still in use.
/// </summary>
public sealed class DockerConflictException : DockerApiException
{
    public DockerConflictException(string message)
        : base(HttpStatusCode.Conflict, message)
    {
    }
}
