using Aspire.Sandbox.Worker.Docker;

namespace Aspire.Sandbox.UnitTests.Docker;

public sealed class DockerApiVersionNegotiatorTests
{
    [Theory]
    [InlineData("1.41", "1.12", "1.41")] // Debian's Engine 20.10
    [InlineData("1.43", "1.12", "1.43")] // Engine 24
    [InlineData("1.47", "1.24", "1.47")] // Engine 27
    [InlineData("1.52", "1.44", "1.47")] // Engine 29: newest we speak, still above its 1.44 floor
    [InlineData("1.41", null, "1.41")]
    public void ChoosesTheNewestVersionBothSidesSpeak(string engineApi, string? engineMin, string expected)
    {
        Assert.Equal(expected, DockerApiVersionNegotiator.Choose(engineApi, engineMin));
    }

    [Fact]
    public void RefusesAnEngineWhoseMinimumIsAboveTheClientMaximum()
    {
        Assert.Throws<NotSupportedException>(() => DockerApiVersionNegotiator.Choose("1.60", "1.50"));
    }

    [Fact]
    public void RefusesAnEngineOlderThanTheClientMinimum()
    {
        Assert.Throws<NotSupportedException>(() => DockerApiVersionNegotiator.Choose("1.40", "1.12"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("latest")]
    [InlineData("1")]
    public void RejectsTextThatIsNotAVersion(string engineApi)
    {
        Assert.Throws<ArgumentException>(() => DockerApiVersionNegotiator.Choose(engineApi, null));
    }
}
