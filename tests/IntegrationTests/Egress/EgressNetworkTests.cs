using Aspire.Sandbox.IntegrationTests.Docker;
using Aspire.Sandbox.Worker.Sandboxes;
using Docker.DotNet.Models;

namespace Aspire.Sandbox.IntegrationTests.Egress;

/// <summary>
/// Opt-in egress (<c>Sandbox:Docker:EgressNetwork</c>): a sandbox given the operator's network reaches what that network
/// reaches, here a server container the test started on a network of its own; a default sandbox reaches nothing.
/// </summary>
[Collection(DockerCollection.Name)]
public sealed class EgressNetworkTests(DockerEngineFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    // Retries for a few seconds: the server container may still be starting its listener.
    private const string Fetch = """
        for i in $(seq 40); do
          if exec 3<>/dev/tcp/$0/8080 2>/dev/null; then
            printf 'GET /egress.txt HTTP/1.0\r\n\r\n' >&3; cat <&3; exit 0
          fi
          sleep 0.25
        done
        echo unreachable; exit 7
        """;

    [Fact]
    public async Task AnEgressSandboxReachesTheNetworksServerAndADefaultOneCannot()
    {
        var docker = fixture.Docker;
        var network = $"aspire-sandbox-test-egress-{fixture.RunId[..8]}";
        await docker.Networks.CreateNetworkAsync(new NetworksCreateParameters { Name = network, Labels = fixture.Labels, Internal = true }).WaitAsync(Timeout);
        string? serverId = null;
        try
        {
            serverId = (await docker.Containers.CreateContainerAsync(new CreateContainerParameters
            {
                Name = $"aspire-sandbox-test-egress-server-{fixture.RunId[..8]}",
                Image = fixture.Image,
                User = "1000",
                Labels = fixture.Labels,
                Cmd = ["sh", "-c", "cd /tmp && echo egress-ok > egress.txt && exec python3 -m http.server 8080 --bind 0.0.0.0"],
                HostConfig = new HostConfig { NetworkMode = network, Tmpfs = new Dictionary<string, string> { ["/tmp"] = "rw,size=8m" } },
            }).WaitAsync(Timeout)).ID;
            await docker.Containers.StartContainerAsync(serverId, new ContainerStartParameters()).WaitAsync(Timeout);
            var address = (await fixture.InspectAsync(serverId))!.NetworkSettings!.Networks![network].IPAddress;
            Assert.False(string.IsNullOrEmpty(address));

            var egress = new EgressOptions { EgressNetwork = network };
            Assert.Null(egress.Problem());
            await using (var sandbox = await SandboxContainer.StartAsync(fixture, SandboxContainer.Definition(fixture) with { Network = egress.EgressNetwork }))
            {
                var reached = await ExecRunner.RunAsync(fixture.Engine, sandbox.Id, "bash", "-c", Fetch, address);
                Assert.Equal(0, reached.ExitCode);
                Assert.Contains("egress-ok", reached.Stdout, StringComparison.Ordinal);
            }
            await using (var sandbox = await SandboxContainer.StartAsync(fixture))
            {
                var refused = await ExecRunner.RunAsync(fixture.Engine, sandbox.Id, "bash", "-c", Fetch.Replace("seq 40", "seq 2", StringComparison.Ordinal), address);
                Assert.Equal(7, refused.ExitCode);
                Assert.DoesNotContain("egress-ok", refused.Stdout, StringComparison.Ordinal);
            }
        }
        finally
        {
            if (serverId is not null)
                await docker.Containers.RemoveContainerAsync(serverId, new ContainerRemoveParameters { Force = true }).WaitAsync(Timeout);
            await docker.Networks.DeleteNetworkAsync(network).WaitAsync(Timeout);
        }
    }

    [Theory]
    [InlineData("", "is not set")]
    [InlineData("bridge", "may not be")]
    [InlineData("host", "may not be")]
    public void TheEnginesOwnNetworksAreNeverEgress(string network, string why) =>
        Assert.Contains(why, new EgressOptions { EgressNetwork = network }.Problem(), StringComparison.Ordinal);
}
