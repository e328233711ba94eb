namespace Aspire.Sandbox.Worker.Docker;

/// <summary>Where the engine listens. <c>unix:///path</c> (the normal case) or plain <c>tcp://host:port</c>.</summary>
public sealed class DockerEngineOptions
{
    public const string DefaultEndpoint = "unix:///var/run/docker.sock";

    public string Endpoint { get; set; } = DefaultEndpoint;

    /// <summary>Honours <c>DOCKER_HOST</c> like the docker CLI does, falling back to the default socket.</summary>
    public static DockerEngineOptions FromEnvironment() =>
        FromDockerHost(Environment.GetEnvironmentVariable("DOCKER_HOST"));

    /// <summary>The same rule as <see cref="FromEnvironment"/> for a given <c>DOCKER_HOST</c> value.</summary>
    public static DockerEngineOptions FromDockerHost(string? dockerHost) => new()
    {
        Endpoint = string.IsNullOrWhiteSpace(dockerHost) ? DefaultEndpoint : dockerHost.Trim(),
    };
}
