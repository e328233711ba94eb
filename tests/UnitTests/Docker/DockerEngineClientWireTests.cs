using System.Net.Sockets;
using System.Text;
using Aspire.Sandbox.Worker.Docker;
using static Aspire.Sandbox.UnitTests.Docker.MultiplexedFrames;

namespace Aspire.Sandbox.UnitTests.Docker;

public sealed class DockerEngineClientWireTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task UsesTheNegotiatedVersionInEveryPath()
    {
        await using var engine = new FakeDockerEngine(r => r.Path == "/version"
            ? FakeResponse.Version("1.52", "1.44")
            : FakeResponse.Json(404, """{"message":"No such container: c1"}"""));
        using var client = new DockerEngineClient(new DockerEngineOptions { Endpoint = engine.Endpoint });

        var inspected = await client.InspectContainerAsync("c1", CancellationToken.None).WaitAsync(Timeout);

        Assert.Null(inspected);
        Assert.Equal("1.47", client.NegotiatedApiVersion);
        Assert.Equal(["/version", "/v1.47/containers/c1/json"], engine.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task AnEngineThatRefusesEveryVersionWeSpeakIsReportedAsUnavailable()
    {
        await using var engine = new FakeDockerEngine(_ => FakeResponse.Version("1.60", "1.50"));
        using var client = new DockerEngineClient(new DockerEngineOptions { Endpoint = engine.Endpoint });

        var error = await Assert.ThrowsAsync<DockerEngineUnavailableException>(
            () => client.GetVersionAsync(CancellationToken.None).WaitAsync(Timeout));

        Assert.IsType<NotSupportedException>(error.InnerException);
        Assert.Null(client.NegotiatedApiVersion);
    }

    [Fact]
    public async Task KeepsStreamBytesThatArriveTogetherWithTheUpgradeAnswer()
    {
        var frames = Concat(Frame(StreamKind.Stdout, "out\n"), Frame(StreamKind.Stderr, "err\n"));
        await using var engine = new FakeDockerEngine(r => r.Path == "/version"
            ? FakeResponse.Version("1.41", "1.12")
            : FakeResponse.Upgraded(frames));
        using var client = new DockerEngineClient(new DockerEngineOptions { Endpoint = engine.Endpoint });

        await using var stream = await client.StartExecAsync("e1", tty: false, CancellationToken.None).WaitAsync(Timeout);
        var outputs = new List<ExecOutput>();
        while (await stream.ReadAsync(CancellationToken.None).AsTask().WaitAsync(Timeout) is { } output)
        {
            outputs.Add(output);
        }

        Assert.Equal("out\n", Text(outputs, StreamKind.Stdout));
        Assert.Equal("err\n", Text(outputs, StreamKind.Stderr));
        var start = engine.Requests.Last();
        Assert.Equal(("POST", "/v1.41/exec/e1/start"), (start.Method, start.Path));
        Assert.Contains("Upgrade: tcp", start.Headers);
        Assert.Equal("""{"Detach":false,"Tty":false}""", start.Body);
    }

    [Fact]
    public async Task RaisesAProtocolErrorWhenTheStreamEndsInTheMiddleOfAFrame()
    {
        var truncated = Frame(StreamKind.Stdout, "cut short")[..12];
        await using var engine = new FakeDockerEngine(r => r.Path == "/version"
            ? FakeResponse.Version("1.41", "1.12")
            : FakeResponse.Upgraded(truncated));
        using var client = new DockerEngineClient(new DockerEngineOptions { Endpoint = engine.Endpoint });

        await using var stream = await client.StartExecAsync("e1", tty: false, CancellationToken.None).WaitAsync(Timeout);

        Assert.NotNull(await stream.ReadAsync(CancellationToken.None).AsTask().WaitAsync(Timeout));
        await Assert.ThrowsAsync<DockerStreamProtocolException>(
            () => stream.ReadAsync(CancellationToken.None).AsTask().WaitAsync(Timeout));
    }

    [Fact]
    public async Task ExecStartOnAStoppedContainerRaisesAConflictWithTheEngineMessage()
    {
        await using var engine = new FakeDockerEngine(r => r.Path == "/version"
            ? FakeResponse.Version("1.41", "1.12")
            : FakeResponse.Json(409, """{"message":"Container c1 is not running"}"""));
        using var client = new DockerEngineClient(new DockerEngineOptions { Endpoint = engine.Endpoint });

        var error = await Assert.ThrowsAsync<DockerConflictException>(
            () => client.StartExecAsync("e1", tty: true, CancellationToken.None).WaitAsync(Timeout));

        Assert.Equal("Container c1 is not running", error.Message);
    }

    [Fact]
    public async Task CreateWithAMissingImageRaisesImageNotFound()
    {
        await using var engine = new FakeDockerEngine(r => r.Path == "/version"
            ? FakeResponse.Version("1.41", "1.12")
            : FakeResponse.Json(404, """{"message":"No such image: nope:latest"}"""));
        using var client = new DockerEngineClient(new DockerEngineOptions { Endpoint = engine.Endpoint });

        var error = await Assert.ThrowsAsync<DockerImageNotFoundException>(() => client.CreateContainerAsync(
            new ContainerCreateRequest { Image = "nope:latest" }, "box", CancellationToken.None).WaitAsync(Timeout));

        Assert.Equal("nope:latest", error.Image);
        var create = engine.Requests.Last();
        Assert.Equal("/v1.41/containers/create?name=box", create.Path);
        Assert.Equal("""{"Image":"nope:latest","Tty":false,"OpenStdin":false,"StdinOnce":false,"AttachStdin":false,"AttachStdout":false,"AttachStderr":false}""", create.Body);
    }

    [Fact]
    public async Task ListsContainersWithEveryLabelAsAFilter()
    {
        await using var engine = new FakeDockerEngine(r => r.Path == "/version"
            ? FakeResponse.Version("1.41", "1.12")
            : FakeResponse.Json(200, """[{"Id":"c1","Names":["/box"],"Labels":{"a":"b"},"State":"running"}]"""));
        using var client = new DockerEngineClient(new DockerEngineOptions { Endpoint = engine.Endpoint });

        var list = await client.ListContainersAsync(
            new Dictionary<string, string> { ["a"] = "b", ["present"] = "" }, all: true, CancellationToken.None).WaitAsync(Timeout);

        var only = Assert.Single(list);
        Assert.Equal(("c1", "running", "/box"), (only.Id, only.State, only.Names[0]));
        Assert.Equal("""/v1.41/containers/json?all=true&filters={"label":["a=b","present"]}""", engine.Requests.Last().DecodedPath);
    }

    [Fact]
    public async Task AMissingSocketIsReportedAsEngineUnavailable()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-docker-{Guid.NewGuid():N}.sock");
        using var client = new DockerEngineClient(new DockerEngineOptions { Endpoint = "unix://" + missing });

        await Assert.ThrowsAsync<DockerEngineUnavailableException>(() => client.GetVersionAsync(CancellationToken.None).WaitAsync(Timeout));
        await Assert.ThrowsAsync<DockerEngineUnavailableException>(() => client.StartExecAsync("e1", false, CancellationToken.None).WaitAsync(Timeout));
    }

    [Fact]
    public async Task ASocketNobodyListensOnIsReportedAsEngineUnavailable()
    {
        var path = Path.Combine(Path.GetTempPath(), $"dead-docker-{Guid.NewGuid():N}.sock");
        // Bound but never listening: the file exists and connecting is refused, as when dockerd has just died.
        using var bound = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        bound.Bind(new UnixDomainSocketEndPoint(path));
        try
        {
            using var client = new DockerEngineClient(new DockerEngineOptions { Endpoint = "unix://" + path });
            var error = await Assert.ThrowsAsync<DockerEngineUnavailableException>(
                () => client.GetVersionAsync(CancellationToken.None).WaitAsync(Timeout));
            Assert.Contains(path, error.Message, StringComparison.Ordinal);
            Assert.IsType<SocketException>(error.InnerException);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task TtyStreamsAreHandedOutRawAsStdout()
    {
        await using var engine = new FakeDockerEngine(r => r.Path == "/version"
            ? FakeResponse.Version("1.41", "1.12")
            : FakeResponse.Upgraded(Encoding.ASCII.GetBytes("$ ls\r\n")));
        using var client = new DockerEngineClient(new DockerEngineOptions { Endpoint = engine.Endpoint });

        await using var stream = await client.StartExecAsync("e1", tty: true, CancellationToken.None).WaitAsync(Timeout);
        var output = await stream.ReadAsync(CancellationToken.None).AsTask().WaitAsync(Timeout);

        Assert.NotNull(output);
        Assert.Equal((StreamKind.Stdout, "$ ls\r\n"), (output.Kind, Encoding.ASCII.GetString(output.Data.Span)));
        Assert.Null(await stream.ReadAsync(CancellationToken.None).AsTask().WaitAsync(Timeout));
    }
}
