using System.Formats.Tar;
using System.Text;
using System.Net;
using Aspire.Sandbox.Worker.Engine;

namespace Aspire.Sandbox.IntegrationTests.Docker;

[Collection(DockerCollection.Name)]
public sealed class EngineApiTests(DockerEngineFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task PinsTheApiVersionTheEngineReportsAndTheEngineAcceptsIt()
    {
        var version = await fixture.Engine.GetVersionAsync(CancellationToken.None).WaitAsync(Timeout);

        Assert.Equal(Version.Parse(version.ApiVersion), fixture.Pinned.ApiVersion);
        // A versioned call the engine would refuse (400) if the pin were newer than it speaks.
        Assert.True(await fixture.Engine.ImageExistsAsync(fixture.Image, CancellationToken.None).WaitAsync(Timeout));
    }

    [Fact]
    public async Task ReportsWhetherAnImageExists()
    {
        Assert.True(await fixture.Engine.ImageExistsAsync(fixture.Image, CancellationToken.None).WaitAsync(Timeout));
        Assert.False(await fixture.Engine.ImageExistsAsync("aspire-sandbox-missing/nothing:none", CancellationToken.None).WaitAsync(Timeout));
    }

    [Fact]
    public async Task CreatingFromAMissingImageRaisesImageNotFound()
    {
        var definition = SandboxContainer.Definition(fixture) with { Image = "aspire-sandbox-missing:none" };

        var error = await Assert.ThrowsAsync<EngineRequestException>(
            () => fixture.Engine.CreateContainerAsync(definition, CancellationToken.None).WaitAsync(Timeout));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Contains("aspire-sandbox-missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreatingASecondContainerWithTheSameNameRaisesAConflict()
    {
        var definition = SandboxContainer.Definition(fixture);
        var id = await fixture.Engine.CreateContainerAsync(definition, CancellationToken.None).WaitAsync(Timeout);
        try
        {
            await Assert.ThrowsAsync<EngineConflictException>(
                () => fixture.Engine.CreateContainerAsync(definition, CancellationToken.None).WaitAsync(Timeout));
        }
        finally
        {
            await fixture.Engine.RemoveContainerAsync(id, CancellationToken.None).WaitAsync(Timeout);
        }
    }

    [Fact]
    public async Task ListsContainersByLabel()
    {
        var marker = Guid.NewGuid().ToString("N");
        var definition = SandboxContainer.Definition(fixture);
        definition = definition with { Labels = new Dictionary<string, string>(definition.Labels) { ["aspire-sandbox.test.marker"] = marker } };
        await using var container = await SandboxContainer.StartAsync(fixture, definition);

        var found = await fixture.Engine.ListContainersAsync(
            new Dictionary<string, string> { [DockerEngineFixture.TestLabel] = "1", ["aspire-sandbox.test.marker"] = marker },
            CancellationToken.None).WaitAsync(Timeout);

        var only = Assert.Single(found);
        Assert.Equal((container.Id, "running"), (only.Id, only.State));
    }

    [Fact]
    public async Task UploadArchiveWritesFilesIntoAVolumeOfARunningContainer()
    {
        var volume = $"aspire-sandbox-test-{Guid.NewGuid():N}";
        var definition = SandboxContainer.Definition(fixture, new Dictionary<string, string> { [volume] = "/workspace" });
        try
        {
            await using (var container = await SandboxContainer.StartAsync(fixture, definition))
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
                await fixture.Engine.UploadArchiveAsync(container.Id, "/workspace", tar, CancellationToken.None).WaitAsync(Timeout);

                var result = await ExecRunner.RunAsync(fixture.Engine, container.Id, "cat", "/workspace/hello.txt");
                Assert.Equal("from the host\n", result.Stdout);
            }
        }
        finally
        {
            await fixture.Engine.RemoveVolumeAsync(volume, CancellationToken.None).WaitAsync(Timeout);
        }

        await fixture.Engine.RemoveVolumeAsync(volume, CancellationToken.None).WaitAsync(Timeout); // gone: 404 is fine
    }

    [Fact]
    public async Task RemovingAContainerThatIsGoneIsFineAndListingItFindsNothing()
    {
        var container = await SandboxContainer.StartAsync(fixture);
        await container.DisposeAsync();

        await fixture.Engine.RemoveContainerAsync(container.Id, CancellationToken.None).WaitAsync(Timeout);
        Assert.Null(await fixture.InspectAsync(container.Id));
        var found = await fixture.Engine.ListContainersAsync(fixture.Labels, CancellationToken.None).WaitAsync(Timeout);
        Assert.DoesNotContain(found, c => c.Id == container.Id);
    }
}
