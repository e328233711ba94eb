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

    [Fact]
    public void RejectsAnEndpointSchemeTheClientCannotSpeak()
    {
        Assert.Throws<ArgumentException>(() => new DockerEngineClient(new DockerEngineOptions { Endpoint = "ssh://host" }));
    }
}
