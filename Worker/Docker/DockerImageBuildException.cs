namespace Aspire.Sandbox.Worker.Docker;

/// <summary>
/// The build ran and failed (a step's command exited non-zero, a file to COPY is missing, the base image is
/// absent). <see cref="Exception.Message"/> is the engine's own error text; the output before it says why.
/// </summary>
public sealed class DockerImageBuildException : DockerException
{
    public DockerImageBuildException(string message, int? code, IReadOnlyList<string> lastOutputLines)
        : base(message)
    {
        ArgumentNullException.ThrowIfNull(lastOutputLines);
        Code = code;
        LastOutputLines = lastOutputLines;
    }

    /// <summary>The engine's <c>errorDetail.code</c>: the exit code of a failed <c>RUN</c>; null when not given.</summary>
    public int? Code { get; }

    /// <summary>The last lines of build output before the error, oldest first.</summary>
    public IReadOnlyList<string> LastOutputLines { get; }
}
