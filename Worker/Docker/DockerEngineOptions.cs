using Microsoft.Extensions.Configuration;

namespace Aspire.Sandbox.Worker.Docker;

/// <summary>Where the engine listens. <c>unix:///path</c> (the normal case) or plain <c>tcp://host:port</c>.</summary>
public sealed class DockerEngineOptions
{
    public const string DefaultEndpoint = "unix:///var/run/docker.sock";

    /// <summary>Configuration key that overrides <c>DOCKER_HOST</c> for this app only.</summary>
    public const string EndpointKey = "Sandbox:Docker:Endpoint";

    public string Endpoint { get; set; } = DefaultEndpoint;

    /// <summary>Honours <c>DOCKER_HOST</c> like the docker CLI does, falling back to the default socket.</summary>
    public static DockerEngineOptions FromEnvironment() =>
        FromDockerHost(Environment.GetEnvironmentVariable("DOCKER_HOST"));

    /// <summary><c>Sandbox:Docker:Endpoint</c> when configured, else the <see cref="FromEnvironment"/> rule.</summary>
    public static DockerEngineOptions FromConfiguration(IConfiguration configuration) =>
        FromDockerHost(configuration[EndpointKey] is { Length: > 0 } endpoint ? endpoint : configuration["DOCKER_HOST"]);

    /// <summary>The same rule as <see cref="FromEnvironment"/> for a given <c>DOCKER_HOST</c> value.</summary>
    public static DockerEngineOptions FromDockerHost(string? dockerHost) => new()
    {
        Endpoint = string.IsNullOrWhiteSpace(dockerHost) ? DefaultEndpoint : dockerHost.Trim(),
    };
}
