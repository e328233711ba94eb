using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Aspire.Sandbox.IntegrationTests.Docker;

[Collection(DockerCollection.Name)]
public sealed class HardenedContainerTests(DockerEngineFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task InspectShowsEveryHardeningSettingAndTheLabels()
    {
        await using var container = await SandboxContainer.StartAsync(fixture);

        var inspect = await fixture.InspectAsync(container.Id);

        Assert.NotNull(inspect);
        Assert.Equal(("running", true), (inspect.State!.Status, inspect.State.Running));
        Assert.True(inspect.State.Pid > 0);
        var host = inspect.HostConfig!;
        Assert.Equal("none", host.NetworkMode);
        Assert.True(host.ReadonlyRootfs);
        Assert.Contains("/tmp", host.Tmpfs!.Keys);
        Assert.Equal(["ALL"], host.CapDrop!);
        Assert.Equal(256L * 1024 * 1024, host.MemorySwap);
        Assert.Equal(1_000_000_000, host.NanoCPUs);
        Assert.Equal(["no-new-privileges"], host.SecurityOpt!);
        Assert.Equal(128, host.PidsLimit);
        Assert.Equal(256L * 1024 * 1024, host.Memory);
        Assert.True(host.Init);
        Assert.Equal("1000", inspect.Config!.User);
        Assert.Equal("1", inspect.Config.Labels![DockerEngineFixture.TestLabel]);
    }

    [Fact]
    public async Task ProcessesRunUnprivilegedOnAReadOnlyRootWithNoNetwork()
    {
        await using var container = await SandboxContainer.StartAsync(fixture);

        var result = await ExecRunner.RunAsync(fixture.Engine, container.Id, "sh", "-c",
            "id -u; touch /root-write 2>/dev/null && echo root-writable || echo root-read-only; "
            + "touch /tmp/t && echo tmp-writable; ls /sys/class/net");

        Assert.Equal("1000\nroot-read-only\ntmp-writable\nlo\n", result.Stdout);
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task StopKillAndRemoveAreSafeToRepeat()
    {
        var client = fixture.Engine;
        var container = await SandboxContainer.StartAsync(fixture);
        try
        {
            await client.StopContainerAsync(container.Id, TimeSpan.FromSeconds(5), CancellationToken.None).WaitAsync(Timeout);
            await client.StopContainerAsync(container.Id, TimeSpan.FromSeconds(5), CancellationToken.None).WaitAsync(Timeout);
            var stopped = await fixture.InspectAsync(container.Id);
            Assert.Equal(("exited", false), (stopped!.State!.Status, stopped.State.Running));
            // Killing what is not running is refused: the operator's view, through the library directly.
            var refused = await Assert.ThrowsAsync<DockerApiException>(() => fixture.Docker.Containers.KillContainerAsync(
                container.Id, new ContainerKillParameters { Signal = "SIGKILL" }, CancellationToken.None).WaitAsync(Timeout));
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        }
        finally
        {
            await container.DisposeAsync();
        }

        Assert.Null(await fixture.InspectAsync(container.Id));
        await container.DisposeAsync(); // already gone: 404 is fine
    }

    [Fact]
    public async Task KillEndsARunningContainerWithTheSignal()
    {
        await using var container = await SandboxContainer.StartAsync(fixture);

        await fixture.Docker.Containers.KillContainerAsync(
            container.Id, new ContainerKillParameters { Signal = "SIGKILL" }, CancellationToken.None).WaitAsync(Timeout);

        var inspect = await fixture.InspectAsync(container.Id);
        Assert.False(inspect!.State!.Running);
        Assert.Equal(137, inspect.State.ExitCode);
    }
}
