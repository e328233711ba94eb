using Aspire.Sandbox.IntegrationTests.Support;

namespace Aspire.Sandbox.IntegrationTests.Runtime;

/// <summary>DESIGN §4: what a process inside a sandbox can and cannot do, read from inside it.</summary>
[Collection(SandboxAppCollection.Name)]
public sealed class SandboxIsolationTests(SandboxAppFixture app)
{
    [Fact]
    public async Task SandboxHasOnlyTheLoopbackInterface()
    {
        await using var scenario = await SessionScenario.StartShellAsync(app);

        var run = await scenario.RunToExitAsync(new { prompt = "ls /sys/class/net" });

        Assert.Equal("lo\n", run.Stdout);
    }

    [Fact]
    public async Task RootFilesystemIsReadOnlyWhileWorkspaceAndTmpAreWritable()
    {
        await using var scenario = await SessionScenario.StartShellAsync(app);

        var run = await scenario.RunToExitAsync(new
        {
            prompt = "touch /etc/x 2>/dev/null && echo root-writable; touch /workspace/x && echo workspace-ok; touch /tmp/x && echo tmp-ok",
        });

        Assert.Equal("workspace-ok\ntmp-ok\n", run.Stdout);
    }

    [Fact]
    public async Task ProcessRunsAsNonRootWithoutCapabilitiesOrPrivilegeGain()
    {
        await using var scenario = await SessionScenario.StartShellAsync(app);

        var run = await scenario.RunToExitAsync(new { prompt = "grep -E '^(Uid|CapEff|CapPrm|CapBnd|NoNewPrivs):' /proc/self/status" });

        var status = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(':', 2)).ToDictionary(p => p[0], p => p[1].Trim());
        Assert.StartsWith("1000", status["Uid"]);
        Assert.Equal("0000000000000000", status["CapEff"]);
        Assert.Equal("0000000000000000", status["CapPrm"]);
        Assert.Equal("0000000000000000", status["CapBnd"]);
        Assert.Equal("1", status["NoNewPrivs"]);
    }

    [Fact]
    public async Task ContainerIsCreatedWithEveryHardeningSetting()
    {
        await using var scenario = await SessionScenario.StartShellAsync(app);

        var inspect = await SandboxContainers.InspectSessionAsync(scenario.Session.Id);

        Assert.NotNull(inspect?.HostConfig);
        var host = inspect.HostConfig;
        Assert.Equal("none", host.NetworkMode);
        Assert.True(host.ReadonlyRootfs);
        Assert.Equal(["ALL"], host.CapDrop);
        Assert.Contains("no-new-privileges", host.SecurityOpt!);
        Assert.True(host.PidsLimit is > 0);
        Assert.True(host.Memory is > 0);
        Assert.True(host.NanoCPUs is > 0);
        Assert.True(host.Init);
        Assert.Equal("1000:1000", inspect.Config?.User);
    }

    [Fact]
    public async Task ForkBombHitsThePidsLimitAndTheSandboxRecovers()
    {
        await using var scenario = await SessionScenario.StartShellAsync(app);

        var bomb = await scenario.RunToExitAsync(new { prompt = "bomb() { bomb | bomb & }; bomb", timeoutSeconds = 5 }, TimeSpan.FromSeconds(60));
        var after = await scenario.RunToExitAsync(new { prompt = "echo alive; ps -e --no-headers | wc -l; ps -eo stat,args | sort | uniq -c | sort -rn | head -5" });

        Assert.Contains(bomb.Reason, new[] { "exited", "timeout" });
        var lines = after.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("alive", lines[0]);
        // init, the container's sleep, this shell, ps and wc: nothing of the bomb is left.
        Assert.True(int.Parse(lines[1]) <= 6, $"{lines[1]} processes left after the fork bomb: {after.Stdout}");
    }

    [Fact]
    public async Task RunFillingTheWorkspaceIsStoppedWithAClearError()
    {
        await using var scenario = await SessionScenario.StartShellAsync(app);

        // 2 GiB of zeros against the 1 GiB default limit, written in 64 MiB files at a bounded pace.
        var run = await scenario.RunToExitAsync(new
        {
            prompt = "for i in $(seq 1 32); do head -c 67108864 /dev/zero > fill-$i; sleep 0.2; done",
        }, TimeSpan.FromSeconds(90));
        var after = await scenario.RunToExitAsync(new { prompt = "rm -f fill-*; echo cleaned" });

        Assert.Equal("stopped", run.Reason);
        var error = run.OfType("error").Single();
        Assert.Equal("workspace-full", error.Text("code"));
        Assert.Contains("limit", error.Text("message"));
        Assert.Equal("cleaned\n", after.Stdout);
    }
}
