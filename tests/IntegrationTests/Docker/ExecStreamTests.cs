using System.Text;
using Aspire.Sandbox.Worker.Docker;

namespace Aspire.Sandbox.IntegrationTests.Docker;

[Collection(DockerCollection.Name)]
public sealed class ExecStreamTests(DockerEngineFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ExecSeparatesStdoutFromStderrAndReportsTheExitCode()
    {
        await using var container = await SandboxContainer.StartAsync(fixture);

        var result = await ExecRunner.RunAsync(fixture.Client, container.Id, "sh", "-c", "echo out; echo err >&2; exit 3");

        Assert.Equal("out\n", result.Stdout);
        Assert.Equal("err\n", result.Stderr);
        Assert.Equal(3, result.ExitCode);
    }

    [Fact]
    public async Task ExecWithStdinEchoesWhatIsWrittenAndEndsAfterStdinIsClosed()
    {
        await using var container = await SandboxContainer.StartAsync(fixture);
        var client = fixture.Client;
        var execId = await client.CreateExecAsync(
            container.Id, new ExecCreateRequest { Cmd = ["cat"], AttachStdin = true }, CancellationToken.None).WaitAsync(Timeout);
        await using var stream = await client.StartExecAsync(execId, tty: false, CancellationToken.None).WaitAsync(Timeout);

        await stream.WriteStdinAsync("hello sandbox\n"u8.ToArray(), CancellationToken.None).AsTask().WaitAsync(Timeout);
        var echoed = new StringBuilder();
        while (echoed.ToString() != "hello sandbox\n")
        {
            var output = await stream.ReadAsync(CancellationToken.None).AsTask().WaitAsync(Timeout);
            Assert.NotNull(output);
            Assert.Equal(StreamKind.Stdout, output.Kind);
            echoed.Append(Encoding.UTF8.GetString(output.Data.Span));
        }

        // cat only exits on end-of-file, so the stream ending proves the half-close reached it.
        await stream.CloseStdinAsync().AsTask().WaitAsync(Timeout);
        Assert.Empty(await ExecRunner.ReadToEndAsync(stream));
        Assert.Equal(0, await ExecRunner.WaitForExitCodeAsync(client, execId));
    }

    [Fact]
    public async Task ExecStreamsOutputWhileTheProcessRuns()
    {
        await using var container = await SandboxContainer.StartAsync(fixture);

        var result = await ExecRunner.RunAsync(
            fixture.Client, container.Id, "sh", "-c", "for i in 1 2 3; do echo $i; sleep 0.3; done");

        Assert.Equal("1\n2\n3\n", result.Stdout);
        Assert.True(result.Chunks.Count >= 3, $"expected a chunk per line, got {result.Chunks.Count}");
        Assert.True(result.ArrivalSpan >= TimeSpan.FromSeconds(0.5), $"chunks arrived within {result.ArrivalSpan}: buffered, not streamed");
    }

    [Fact]
    public async Task TtyExecGivesARawTerminalThatCanBeResized()
    {
        await using var container = await SandboxContainer.StartAsync(fixture);
        var client = fixture.Client;
        var execId = await client.CreateExecAsync(
            container.Id,
            new ExecCreateRequest { Cmd = ["sh", "-c", "sleep 0.5; stty size; tty; echo err >&2"], Tty = true },
            CancellationToken.None).WaitAsync(Timeout);
        await using var stream = await client.StartExecAsync(execId, tty: true, CancellationToken.None).WaitAsync(Timeout);

        await client.ResizeExecAsync(execId, cols: 120, rows: 40, CancellationToken.None).WaitAsync(Timeout);
        var chunks = await ExecRunner.ReadToEndAsync(stream);

        Assert.True(stream.IsTty);
        Assert.All(chunks, c => Assert.Equal(StreamKind.Stdout, c.Output.Kind));
        var screen = string.Concat(chunks.Select(c => Encoding.UTF8.GetString(c.Output.Data.Span)));

        // A terminal turns "\n" into "\r\n" and merges stderr into the same stream.
        Assert.Contains("40 120\r\n", screen, StringComparison.Ordinal);
        Assert.Contains("/dev/pts/", screen, StringComparison.Ordinal);
        Assert.Contains("err\r\n", screen, StringComparison.Ordinal);
        Assert.Equal(0, await ExecRunner.WaitForExitCodeAsync(client, execId));
    }

    [Fact]
    public async Task ExecIntoAStoppedContainerRaisesAConflict()
    {
        await using var container = await SandboxContainer.StartAsync(fixture);
        await fixture.Client.StopContainerAsync(container.Id, TimeSpan.FromSeconds(5), CancellationToken.None).WaitAsync(Timeout);

        await Assert.ThrowsAsync<DockerConflictException>(() => fixture.Client.CreateExecAsync(
            container.Id, new ExecCreateRequest { Cmd = ["true"] }, CancellationToken.None).WaitAsync(Timeout));
    }
}
