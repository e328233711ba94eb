namespace Aspire.Sandbox.Worker.Docker;

/// <summary>
/// The engine's bytes did not follow the protocol (bad HTTP head, unknown stream type, oversized frame).
/// Raised instead of guessing, so a corrupted stream fails the run cleanly.
/// </summary>
public sealed class DockerStreamProtocolException : DockerException
{
    public DockerStreamProtocolException(string message)
        : base(message)
    {
    }
}
