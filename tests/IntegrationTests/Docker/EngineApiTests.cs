using System.Formats.Tar;
using System.Text;
using Aspire.Sandbox.Worker.Docker;

namespace Aspire.Sandbox.IntegrationTests.Docker;

[Collection(DockerCollection.Name)]
public sealed class EngineApiTests(DockerEngineFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task NegotiatesAVersionTheEngineAccepts()
    {
        var version = await fixture.Client.GetVersionAsync(CancellationToken.None).WaitAsync(Timeout);

        Assert.Equal(DockerApiVersionNegotiator.Choose(version.ApiVersion, version.MinAPIVersion), fixture.Client.NegotiatedApiVersion);
    }

    [Fact]
    public async Task ReportsWhetherAnImageExists()
    {
        Assert.True(await fixture.Client.ImageExistsAsync(fixture.Image, CancellationToken.None).WaitAsync(Timeout));
        Assert.False(await fixture.Client.ImageExistsAsync("aspire-sandbox-missing/nothing:none", CancellationToken.None).WaitAsync(Timeout));
    }

    [Fact]
    public async Task CreatingFromAMissingImageRaisesImageNotFound()
    {
        var request = SandboxContainer.HardenedRequest(fixture) with { Image = "aspire-sandbox-missing:none" };

        var error = await Assert.ThrowsAsync<DockerImageNotFoundException>(
            () => fixture.Client.CreateContainerAsync(request, null, CancellationToken.None).WaitAsync(Timeout));

        Assert.Contains("aspire-sandbox-missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreatingASecondContainerWithTheSameNameRaisesAConflict()
    {
        var name = $"aspire-sandbox-test-{Guid.NewGuid():N}";
        var id = await fixture.Client.CreateContainerAsync(SandboxContainer.HardenedRequest(fixture), name, CancellationToken.None)
            .WaitAsync(Timeout);
        try
        {
            await Assert.ThrowsAsync<DockerConflictException>(() => fixture.Client.CreateContainerAsync(
                SandboxContainer.HardenedRequest(fixture), name, CancellationToken.None).WaitAsync(Timeout));
        }
        finally
        {
            await fixture.Client.RemoveContainerAsync(id, force: true, removeVolumes: true, CancellationToken.None).WaitAsync(Timeout);
        }
    }

    [Fact]
    public async Task ListsContainersByLabel()
    {
        var marker = Guid.NewGuid().ToString("N");
        var request = SandboxContainer.HardenedRequest(fixture);
        request.Labels!["aspire-sandbox.test.marker"] = marker;
        await using var container = await SandboxContainer.StartAsync(fixture, request);

        var found = await fixture.Client.ListContainersAsync(
            new Dictionary<string, string> { [DockerEngineFixture.TestLabel] = "1", ["aspire-sandbox.test.marker"] = marker },
            all: true,
            CancellationToken.None).WaitAsync(Timeout);

        var only = Assert.Single(found);
        Assert.Equal((container.Id, "running"), (only.Id, only.State));
    }

    [Fact]
    public async Task PutArchiveWritesFilesIntoAVolumeOfARunningContainer()
    {
        var volume = $"aspire-sandbox-test-{Guid.NewGuid():N}";
        var request = SandboxContainer.HardenedRequest(fixture, [new Mount { Type = "volume", Source = volume, Target = "/workspace" }]);
        try
        {
            await using (var container = await SandboxContainer.StartAsync(fixture, request))
            {
                using var tar = new MemoryStream();
                using (var writer = new TarWriter(tar, TarEntryFormat.Ustar, leaveOpen: true))
                {
                    var entry = new UstarTarEntry(TarEntryType.RegularFile, "hello.txt")
                    {
                        DataStream = new MemoryStream(Encoding.UTF8.GetBytes("from the host\n")),
                        Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                    };
                    writer.WriteEntry(entry);
                }

                tar.Position = 0;
                await fixture.Client.PutArchiveAsync(container.Id, "/workspace", tar, CancellationToken.None).WaitAsync(Timeout);

                var result = await ExecRunner.RunAsync(fixture.Client, container.Id, "cat", "/workspace/hello.txt");
                Assert.Equal("from the host\n", result.Stdout);
            }
        }
        finally
        {
            await fixture.Client.RemoveVolumeAsync(volume, CancellationToken.None).WaitAsync(Timeout);
        }

        await fixture.Client.RemoveVolumeAsync(volume, CancellationToken.None).WaitAsync(Timeout); // gone: 404 is fine
    }

    [Fact]
    public async Task InspectingAMissingContainerGivesNull()
    {
        Assert.Null(await fixture.Client.InspectContainerAsync("aspire-sandbox-no-such-container", CancellationToken.None).WaitAsync(Timeout));
    }
}
