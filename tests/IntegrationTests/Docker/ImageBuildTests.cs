using Aspire.Sandbox.Worker.Docker;

namespace Aspire.Sandbox.IntegrationTests.Docker;

/// <summary>
/// Builds on the real engine. Every Dockerfile starts from the local base image and needs no network (nothing can be
/// pulled here), so RUN steps get network mode "none". Images are tagged per test and removed in finally.
/// </summary>
[Collection(DockerCollection.Name)]
public sealed class ImageBuildTests(DockerEngineFixture fixture) : IDisposable
{
    private const string BaseImage = "aspire-sandbox-base:bookworm";
    private const string MarkerLabel = "aspire-sandbox.test.build";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    private readonly string _context = Directory.CreateTempSubdirectory("aspire-sandbox-build-").FullName;
    private readonly string _tag = $"aspire-sandbox-test/build:{Guid.NewGuid():N}";

    public void Dispose() => Directory.Delete(_context, recursive: true);

    [Fact]
    public async Task BuildsAnImageStreamingItsOutputAndTheImageCarriesItsLabels()
    {
        var marker = Guid.NewGuid().ToString("N");
        await File.WriteAllTextAsync(Path.Combine(_context, "hello.txt"), $"hello {marker}\n");
        // The RUN checks the COPY landed and then takes two seconds, so output sent as it happens arrives well
        // before the build ends, while output held back until the end would not.
        await File.WriteAllTextAsync(Path.Combine(_context, "Dockerfile"), $"""
            FROM {BaseImage}
            COPY hello.txt /hello.txt
            LABEL {MarkerLabel}="{marker}"
            RUN test "$(cat /hello.txt)" = "hello {marker}" && sleep 2
            """);
        var progress = new TimedProgress();
        try
        {
            using var context = DockerBuildContext.FromDirectory(_context);
            var id = await fixture.Builder.BuildAsync(
                context,
                new ImageBuildRequest { Tag = _tag, Labels = fixture.Labels, NetworkMode = "none" },
                progress,
                CancellationToken.None).WaitAsync(Timeout);
            var finished = progress.Now;

            Assert.StartsWith("sha256:", id, StringComparison.Ordinal);
            var lines = progress.Lines.Select(l => l.Line).ToList();
            // "Step i/n : …" in order; the engine appends the request's labels as steps of its own after ours.
            var steps = lines.Where(l => l.StartsWith("Step ", StringComparison.Ordinal)).ToList();
            Assert.All(steps.Select((step, i) => (step, i)), s => Assert.StartsWith($"Step {s.i + 1}/{steps.Count} : ", s.step, StringComparison.Ordinal));
            var commands = steps.Select(s => s[(s.IndexOf(" : ", StringComparison.Ordinal) + 3)..]).ToList();
            Assert.Equal([$"FROM {BaseImage}", "COPY hello.txt /hello.txt", $"LABEL {MarkerLabel}=\"{marker}\""], commands.Take(3));
            Assert.StartsWith("RUN test", commands[3], StringComparison.Ordinal);
            Assert.Equal($"Successfully tagged {_tag}", lines[^1]);
            var firstStepAt = progress.Lines.First(l => l.Line.StartsWith("Step 1/", StringComparison.Ordinal)).At;
            Assert.True(
                finished - firstStepAt > TimeSpan.FromSeconds(1.5),
                $"The first step was reported {finished - firstStepAt} before the build ended: output was not streamed.");

            var image = await fixture.InspectImageAsync(_tag);
            Assert.NotNull(image);
            Assert.Equal(id, image.ID);
            Assert.Contains(_tag, image.RepoTags ?? []);
            Assert.True(image.Size > 0);
            Assert.NotNull(image.Created);
            Assert.Equal(marker, image.Config?.Labels?[MarkerLabel]);
            Assert.Equal(fixture.RunId, image.Config?.Labels?[DockerEngineFixture.RunLabel]);
        }
        finally
        {
            await fixture.RemoveImageAsync(_tag);
        }

        Assert.Null(await fixture.InspectImageAsync(_tag));
    }

    [Fact]
    public async Task AFailingStepIsReportedAsAnErrorWithTheEngineMessageAndTheStepOutput()
    {
        // No step before the RUN commits a layer, so the failed build leaves no intermediate image behind either.
        await File.WriteAllTextAsync(Path.Combine(_context, "Dockerfile"), $"""
            FROM {BaseImage}
            RUN echo "about to fail" && exit 3
            """);
        try
        {
            using var context = DockerBuildContext.FromDirectory(_context);
            var error = await Assert.ThrowsAsync<ImageBuildFailedException>(() => fixture.Builder.BuildAsync(
                context,
                new ImageBuildRequest { Tag = _tag, Labels = fixture.Labels, NetworkMode = "none" },
                progress: null,
                CancellationToken.None).WaitAsync(Timeout));

            Assert.Contains("returned a non-zero code: 3", error.Message, StringComparison.Ordinal);
            Assert.Equal(3, error.Code);
            Assert.Contains("about to fail", error.LastOutputLines);
            Assert.Null(await fixture.InspectImageAsync(_tag));
        }
        finally
        {
            await fixture.RemoveImageAsync(_tag);
        }
    }

    [Fact]
    public async Task CancellingABuildMakesTheEngineAbandonIt()
    {
        await File.WriteAllTextAsync(Path.Combine(_context, "Dockerfile"), $"""
            FROM {BaseImage}
            RUN sleep 60
            """);
        using var cancellation = new CancellationTokenSource();
        string? stepContainer = null;
        var progress = new TimedProgress(line =>
        {
            // " ---> Running in <id>": the RUN's container exists and is sleeping; cancel now.
            if (line.StartsWith(" ---> Running in ", StringComparison.Ordinal))
            {
                stepContainer = line[" ---> Running in ".Length..];
                cancellation.Cancel();
            }
        });
        try
        {
            using var context = DockerBuildContext.FromDirectory(_context);
            var build = fixture.Builder.BuildAsync(
                context, new ImageBuildRequest { Tag = _tag, NetworkMode = "none" }, progress, cancellation.Token);

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => build.WaitAsync(Timeout));

            Assert.NotNull(stepContainer);
            Assert.True(progress.Now < TimeSpan.FromSeconds(50), "The build was not cancelled before its RUN ended.");

            // The engine kills and removes the step's container once it sees the connection close (forcerm).
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (await fixture.InspectAsync(stepContainer) is not null)
            {
                Assert.True(DateTime.UtcNow < deadline, $"The step container {stepContainer} outlived the cancelled build.");
                await Task.Delay(250);
            }

            Assert.Null(await fixture.InspectImageAsync(_tag));
        }
        finally
        {
            await fixture.RemoveImageAsync(_tag);
        }
    }

    [Fact]
    public async Task InspectingAMissingImageGivesNullAndRemovingItIsFine()
    {
        Assert.Null(await fixture.InspectImageAsync(_tag));
        await fixture.RemoveImageAsync(_tag);
        Assert.False(await fixture.Engine.ImageExistsAsync(_tag, CancellationToken.None).WaitAsync(Timeout));
    }

    [Fact]
    public async Task TheBaseImageExists()
    {
        Assert.True(await fixture.Engine.ImageExistsAsync(BaseImage, CancellationToken.None).WaitAsync(Timeout));
        var image = await fixture.InspectImageAsync(BaseImage);
        Assert.NotNull(image);
        Assert.StartsWith("sha256:", image.ID, StringComparison.Ordinal);
    }
}
