using System.Formats.Tar;
using System.Net;
using System.Text;
using System.Text.Json;
using Aspire.Sandbox.Worker.Docker;

namespace Aspire.Sandbox.UnitTests.Docker;

public sealed class DockerEngineClientImageTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task BuildSendsTheContextAndParametersAndParsesAnswerPartsCutAnywhere()
    {
        var answer = BuildStreams.Bytes(BuildStreams.Success);
        await using var engine = new FakeDockerEngine(r => r.Path == "/version"
            ? FakeResponse.Version("1.41", "1.12")
            : FakeResponse.Chunked(200, async body =>
            {
                // Parts of 1 to 9 bytes: messages, escapes and multi-byte characters all end up cut somewhere.
                var random = new Random(7);
                for (var offset = 0; offset < answer.Length;)
                {
                    var length = Math.Min(random.Next(1, 10), answer.Length - offset);
                    await body.WriteAsync(answer[offset..(offset + length)]);
                    offset += length;
                    await Task.Delay(1);
                }
            }));
        using var client = new DockerEngineClient(new DockerEngineOptions { Endpoint = engine.Endpoint });
        using var context = TarOf(("Dockerfile", "FROM base\n"), ("hello.txt", "hello\n"));
        var progress = new RecordingProgress();

        var id = await client.BuildImageAsync(
            context,
            new ImageBuildRequest
            {
                Tag = "aspire-sandbox-test/build:abc",
                Dockerfile = "ci/Dockerfile",
                BuildArgs = new Dictionary<string, string> { ["VERSION"] = "1 & 2" },
                Labels = new Dictionary<string, string> { ["a.b"] = "c=d" },
                NetworkMode = "none",
            },
            progress,
            CancellationToken.None).WaitAsync(Timeout);

        Assert.Equal(BuildStreams.ImageId, id);
        Assert.Equal(BuildStreams.SuccessLines, progress.Lines);
        var build = engine.Requests.Last();
        Assert.Equal("POST", build.Method);
        Assert.StartsWith("/v1.41/build?", build.Path, StringComparison.Ordinal);
        var query = Query(build.Path);
        Assert.Equal(["t", "dockerfile", "buildargs", "labels", "networkmode", "rm", "forcerm"], query.Keys);
        Assert.Equal(
            ("aspire-sandbox-test/build:abc", "ci/Dockerfile", "none", "true", "true"),
            (query["t"], query["dockerfile"], query["networkmode"], query["rm"], query["forcerm"]));
        Assert.Equal(new Dictionary<string, string> { ["VERSION"] = "1 & 2" }, JsonSerializer.Deserialize<Dictionary<string, string>>(query["buildargs"]));
        Assert.Equal(new Dictionary<string, string> { ["a.b"] = "c=d" }, JsonSerializer.Deserialize<Dictionary<string, string>>(query["labels"]));
        Assert.Contains("Content-Type: application/x-tar", build.Headers);
        Assert.Equal(["Dockerfile", "hello.txt"], EntryNames(Encoding.Latin1.GetBytes(build.Body)));
    }

    [Fact]
    public async Task ReportsEachLineWhileTheBuildIsStillRunning()
    {
        var firstLineSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var restSent = false;
        bool? restSentWhenFirstLineArrived = null;
        await using var engine = new FakeDockerEngine(r => r.Path == "/version"
            ? FakeResponse.Version("1.41", "1.12")
            : FakeResponse.Chunked(200, async body =>
            {
                await body.WriteAsync("""{"stream":"Step 1/2 : FROM base\n"}""" + "\r\n");
                await firstLineSeen.Task.WaitAsync(Timeout);
                restSent = true;
                await body.WriteAsync("""{"stream":"Step 2/2 : LABEL a=b\n"}""" + "\r\n" + """{"aux":{"ID":"sha256:9"}}""");
            }));
        using var client = new DockerEngineClient(new DockerEngineOptions { Endpoint = engine.Endpoint });
        var progress = new RecordingProgress(line =>
        {
            if (line.StartsWith("Step 1/2", StringComparison.Ordinal))
            {
                restSentWhenFirstLineArrived = Volatile.Read(ref restSent);
                firstLineSeen.TrySetResult();
            }
        });

        var id = await client.BuildImageAsync(
            TarOf(("Dockerfile", "FROM base\n")), new ImageBuildRequest(), progress, CancellationToken.None).WaitAsync(Timeout);

        Assert.Equal("sha256:9", id);
        Assert.False(restSentWhenFirstLineArrived);
        Assert.Equal(["Step 1/2 : FROM base", "Step 2/2 : LABEL a=b"], progress.Lines);
        Assert.Equal("/v1.41/build?dockerfile=Dockerfile&rm=true&forcerm=true", engine.Requests.Last().DecodedPath);
    }

    [Fact]
    public async Task AFailedStepRaisesABuildExceptionWithTheEngineMessageAndTheLastLines()
    {
        await using var engine = new FakeDockerEngine(r => r.Path == "/version"
            ? FakeResponse.Version("1.41", "1.12")
            : FakeResponse.Chunked(200, body => body.WriteAsync(BuildStreams.Failure)));
        using var client = new DockerEngineClient(new DockerEngineOptions { Endpoint = engine.Endpoint });
        var progress = new RecordingProgress();

        var error = await Assert.ThrowsAsync<DockerImageBuildException>(() => client.BuildImageAsync(
            TarOf(("Dockerfile", "FROM base\n")), new ImageBuildRequest(), progress, CancellationToken.None).WaitAsync(Timeout));

        Assert.Equal(BuildStreams.FailureMessage, error.Message);
        Assert.Equal(3, error.Code);
        Assert.Contains("about to fail", error.LastOutputLines);
        Assert.Equal(progress.Lines, error.LastOutputLines);
    }

    [Fact]
    public async Task CancellingAbortsTheRequestMidStream()
    {
        var hungUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var engine = new FakeDockerEngine(r => r.Path == "/version"
            ? FakeResponse.Version("1.41", "1.12")
            : FakeResponse.Chunked(200, async body =>
            {
                await body.WriteAsync("""{"stream":" ---\u003e Running in 1584a4fd7bac\n"}""" + "\r\n");
                await body.WaitForHangUpAsync();
                hungUp.TrySetResult();
            }));
        using var client = new DockerEngineClient(new DockerEngineOptions { Endpoint = engine.Endpoint });
        using var cancellation = new CancellationTokenSource();
        var progress = new RecordingProgress(_ => cancellation.Cancel());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.BuildImageAsync(
            TarOf(("Dockerfile", "FROM base\n")), new ImageBuildRequest(), progress, cancellation.Token).WaitAsync(Timeout));

        await hungUp.Task.WaitAsync(Timeout);
        Assert.Equal([" ---> Running in 1584a4fd7bac"], progress.Lines);
    }

    [Fact]
    public async Task ARefusedBuildRequestRaisesTheApiError()
    {
        await using var engine = new FakeDockerEngine(r => r.Path == "/version"
            ? FakeResponse.Version("1.41", "1.12")
            : FakeResponse.Json(400, """{"message":"invalid reference format: repository name must be lowercase"}"""));
        using var client = new DockerEngineClient(new DockerEngineOptions { Endpoint = engine.Endpoint });

        var error = await Assert.ThrowsAsync<DockerApiException>(() => client.BuildImageAsync(
            TarOf(("Dockerfile", "FROM base\n")), new ImageBuildRequest { Tag = "Bad:Tag" }, null, CancellationToken.None)
            .WaitAsync(Timeout));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("invalid reference format: repository name must be lowercase", error.Message);
    }

    [Fact]
    public async Task AStreamThatBreaksOffWithoutAnImageIdIsAProtocolError()
    {
        await using var engine = new FakeDockerEngine(r => r.Path == "/version"
            ? FakeResponse.Version("1.41", "1.12")
            : FakeResponse.Chunked(200, body => body.WriteAsync("""{"stream":"Step 1/1 : FROM base\n"}""")));
        using var client = new DockerEngineClient(new DockerEngineOptions { Endpoint = engine.Endpoint });

        await Assert.ThrowsAsync<DockerStreamProtocolException>(() => client.BuildImageAsync(
            TarOf(("Dockerfile", "FROM base\n")), new ImageBuildRequest(), null, CancellationToken.None).WaitAsync(Timeout));
    }

    [Fact]
    public async Task InspectsAnImageByItsRepositoryPath()
    {
        const string Answer = """
            {"Id":"sha256:5dcd","RepoTags":["aspire-sandbox-test/build:abc"],"RepoDigests":[],"Parent":"sha256:8e5a",
             "Created":"2026-11-23T10:11:12.123456789Z","Size":199123456,"VirtualSize":199123456,
             "Config":{"Env":["PATH=/usr/bin"],"Cmd":["bash"],"Labels":{"aspire-sandbox.test":"1","capture":"14783"}},
             "RootFS":{"Type":"layers","Layers":["sha256:aa"]}}
            """;
        await using var engine = new FakeDockerEngine(r => r.Path == "/version"
            ? FakeResponse.Version("1.41", "1.12")
            : FakeResponse.Json(200, Answer));
        using var client = new DockerEngineClient(new DockerEngineOptions { Endpoint = engine.Endpoint });

        var image = await client.InspectImageAsync("aspire-sandbox-test/build:abc", CancellationToken.None).WaitAsync(Timeout);

        Assert.NotNull(image);
        Assert.Equal(("sha256:5dcd", "2026-11-23T10:11:12.123456789Z", 199123456L), (image.Id, image.Created, image.Size));
        Assert.Equal(["aspire-sandbox-test/build:abc"], image.RepoTags);
        Assert.Equal("14783", image.Config?.Labels?["capture"]);
        // '/' stays a path separator (the engine routes on it); the rest of the name is escaped.
        Assert.Equal("/v1.41/images/aspire-sandbox-test/build%3Aabc/json", engine.Requests.Last().Path);
    }

    [Fact]
    public async Task InspectingAMissingImageGivesNull()
    {
        await using var engine = new FakeDockerEngine(r => r.Path == "/version"
            ? FakeResponse.Version("1.41", "1.12")
            : FakeResponse.Json(404, """{"message":"No such image: nope:latest"}"""));
        using var client = new DockerEngineClient(new DockerEngineOptions { Endpoint = engine.Endpoint });

        Assert.Null(await client.InspectImageAsync("nope:latest", CancellationToken.None).WaitAsync(Timeout));
    }

    [Fact]
    public async Task RemovingAnImageThatIsAlreadyGoneIsFine()
    {
        await using var engine = new FakeDockerEngine(r => r.Path == "/version"
            ? FakeResponse.Version("1.41", "1.12")
            : FakeResponse.Json(404, """{"message":"No such image: aspire-sandbox-test/build:abc"}"""));
        using var client = new DockerEngineClient(new DockerEngineOptions { Endpoint = engine.Endpoint });

        await client.RemoveImageAsync("aspire-sandbox-test/build:abc", force: true, CancellationToken.None).WaitAsync(Timeout);

        var remove = engine.Requests.Last();
        Assert.Equal(("DELETE", "/v1.41/images/aspire-sandbox-test/build%3Aabc?force=true"), (remove.Method, remove.Path));
    }

    [Fact]
    public async Task RemovingAnImageInUseWithoutForceRaisesAConflict()
    {
        await using var engine = new FakeDockerEngine(r => r.Path == "/version"
            ? FakeResponse.Version("1.41", "1.12")
            : FakeResponse.Json(409, """{"message":"conflict: unable to remove repository reference (must force)"}"""));
        using var client = new DockerEngineClient(new DockerEngineOptions { Endpoint = engine.Endpoint });

        var error = await Assert.ThrowsAsync<DockerConflictException>(
            () => client.RemoveImageAsync("base:1", force: false, CancellationToken.None).WaitAsync(Timeout));

        Assert.Contains("must force", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("?force=false", engine.Requests.Last().Path, StringComparison.Ordinal);
    }

    private static MemoryStream TarOf(params (string Name, string Text)[] files)
    {
        var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (name, text) in files)
            {
                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name)
                {
                    DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)),
                });
            }
        }

        tar.Position = 0;
        return tar;
    }

    /// <summary>Query parameters in the order sent, each value decoded on its own (JSON values contain '&amp;' and '=').</summary>
    private static OrderedDictionary<string, string> Query(string path)
    {
        var query = new OrderedDictionary<string, string>();
        foreach (var pair in path[(path.IndexOf('?', StringComparison.Ordinal) + 1)..].Split('&'))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            query.Add(pair[..equals], Uri.UnescapeDataString(pair[(equals + 1)..]));
        }

        return query;
    }

    private static List<string> EntryNames(byte[] tar)
    {
        using var reader = new TarReader(new MemoryStream(tar));
        var names = new List<string>();
        while (reader.GetNextEntry() is { } entry)
        {
            names.Add(entry.Name);
        }

        return names;
    }
}
