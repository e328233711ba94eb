using Aspire.Sandbox.Worker.Docker;
using Aspire.Sandbox.Worker.Engine;

namespace Aspire.Sandbox.UnitTests.Docker;

public sealed class DockerContainerParametersTests
{
    private static readonly SandboxContainerDefinition Definition = new()
    {
        Name = "sbx-s1",
        Image = "aspire-sandbox:latest",
        Command = ["sleep", "infinity"],
        User = "1000:1000",
        WorkingDir = "/workspace",
        Env = ["LANG=C.UTF-8"],
        Labels = new Dictionary<string, string> { ["aspire-sandbox.session"] = "s1" },
        Tmpfs = new Dictionary<string, string> { ["/tmp"] = "rw,nosuid,nodev,size=64m" },
        Volumes = new Dictionary<string, string> { ["sbx-s1-workspace"] = "/workspace" },
        MemoryBytes = 512L * 1024 * 1024,
        PidsLimit = 256,
        Cpus = 1.5,
        LogMaxSize = "1m",
    };

    [Fact]
    public void EveryContainerIsIsolatedWhateverTheDefinitionSays()
    {
        var host = DockerContainerParameters.For(Definition).HostConfig!;

        Assert.Equal("none", host.NetworkMode);
        Assert.True(host.ReadonlyRootfs);
        Assert.Equal(["ALL"], host.CapDrop);
        Assert.Equal(["no-new-privileges"], host.SecurityOpt);
        Assert.True(host.Init);
        Assert.Null(host.CapAdd);
        Assert.False(host.Privileged);
    }

    [Fact]
    public void LimitsMountsAndLabelsComeFromTheDefinitionWithSwapOff()
    {
        var parameters = DockerContainerParameters.For(Definition);
        var host = parameters.HostConfig!;

        Assert.Equal("sbx-s1", parameters.Name);
        Assert.Equal("1000:1000", parameters.User);
        Assert.Equal(256, host.PidsLimit);
        Assert.Equal(512L * 1024 * 1024, host.Memory);
        Assert.Equal(host.Memory, host.MemorySwap);
        Assert.Equal(1_500_000_000, host.NanoCPUs);
        var mount = Assert.Single(host.Mounts!);
        Assert.Equal(("volume", "sbx-s1-workspace", "/workspace"), (mount.Type, mount.Source, mount.Target));
        Assert.Equal("rw,nosuid,nodev,size=64m", host.Tmpfs!["/tmp"]);
        Assert.Equal("s1", parameters.Labels!["aspire-sandbox.session"]);
        Assert.Equal(("local", "1m"), (host.LogConfig!.Type, host.LogConfig.Config!["max-size"]));
    }

    [Fact]
    public void WithoutALogSizeTheEngineKeepsNoLog()
    {
        Assert.Equal("none", DockerContainerParameters.For(Definition with { LogMaxSize = null }).HostConfig!.LogConfig!.Type);
    }

    [Theory]
    [InlineData(0, 0u)]
    [InlineData(250, 1u)]
    [InlineData(10_000, 10u)]
    public void AStopGracePeriodIsRoundedUpToWholeSeconds(int milliseconds, uint seconds)
    {
        Assert.Equal(seconds, DockerContainerParameters.Stop(TimeSpan.FromMilliseconds(milliseconds)).WaitBeforeKillSeconds);
    }

    [Fact]
    public void ListingByLabelsMatchesEveryLabelWithItsValueAndStoppedContainersToo()
    {
        var list = DockerContainerParameters.WithLabels(new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" });

        Assert.True(list.All);
        Assert.Equal(["a=1", "b=2"], list.Filters!["label"].Keys.Order());
    }
}
