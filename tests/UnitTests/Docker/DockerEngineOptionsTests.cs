using Microsoft.Extensions.Configuration;
using Aspire.Sandbox.Worker.Docker;

namespace Aspire.Sandbox.UnitTests.Docker;

public sealed class DockerEngineOptionsTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void FallsBackToTheDefaultSocketWithoutDockerHost(string? dockerHost)
    {
        Assert.Equal("unix:///var/run/docker.sock", DockerEngineOptions.FromDockerHost(dockerHost).Endpoint);
    }

    [Fact]
    public void UsesDockerHostWhenSet()
    {
        Assert.Equal("unix:///run/user/1000/docker.sock", DockerEngineOptions.FromDockerHost("unix:///run/user/1000/docker.sock").Endpoint);
    }

    [Theory]
    [InlineData("unix:///tmp/app.sock", "unix:///var/run/other.sock", "unix:///tmp/app.sock")]
    [InlineData(null, "unix:///var/run/other.sock", "unix:///var/run/other.sock")]
    [InlineData("", null, "unix:///var/run/docker.sock")]
    public void ConfigurationOverridesDockerHost(string? configured, string? dockerHost, string expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [DockerEngineOptions.EndpointKey] = configured,
            ["DOCKER_HOST"] = dockerHost,
        }).Build();

        Assert.Equal(expected, DockerEngineOptions.FromConfiguration(configuration).Endpoint);
    }

    [Theory]
    [InlineData("ssh://host")]
    [InlineData("/var/run/docker.sock")]
    public void RejectsAnEndpointTheClientCannotSpeak(string endpoint)
    {
        Assert.Throws<ArgumentException>(() => new VersionPinnedDockerClient(new DockerEngineOptions { Endpoint = endpoint }));
    }
}
