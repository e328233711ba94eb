using Aspire.Sandbox.Worker.Docker;
using Aspire.Sandbox.Worker.Engine;

namespace Aspire.Sandbox.UnitTests.Docker;

public sealed class ApiVersionPinTests
{
    [Theory]
    [InlineData("1.41", "1.41")]
    [InlineData("1.52", "1.52")]
    [InlineData("1.44.1", "1.44")]
    public void PinsTheVersionTheEngineReports(string reported, string pinned)
    {
        Assert.Equal(Version.Parse(pinned), VersionPinnedDockerClient.Pin(reported));
    }

    [Theory]
    [InlineData("1.40")]
    [InlineData("0.9")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("latest")]
    public void AnEngineTooOldOrWithoutAVersionCountsAsNoEngine(string? reported)
    {
        Assert.Throws<EngineUnavailableException>(() => VersionPinnedDockerClient.Pin(reported));
    }
}
