using Aspire.Sandbox.Worker.Engine;

namespace Aspire.Sandbox.Worker.Docker;

/// <summary>
/// The build ran and failed (a step exited non-zero, a file to COPY is missing, the base image is absent).
/// The engine says so in its progress messages, not with an error status, so the library does not throw:
/// <see cref="DockerImageBuilder"/> does. <see cref="Exception.Message"/> is the engine's own text.
/// </summary>
public sealed class ImageBuildFailedException(string message, long? code, IReadOnlyList<string> lastOutputLines)
    : SandboxEngineException(message)
{
    /// <summary>The engine's error code: the exit code of a failed <c>RUN</c>; null when not given.</summary>
    public long? Code { get; } = code;

    /// <summary>The last lines of build output before the error, oldest first: usually the explanation.</summary>
    public IReadOnlyList<string> LastOutputLines { get; } = lastOutputLines;
}
