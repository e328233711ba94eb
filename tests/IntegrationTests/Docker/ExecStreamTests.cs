using System.Text;
using Aspire.Sandbox.Worker.Engine;

namespace Aspire.Sandbox.IntegrationTests.Docker;

[Collection(DockerCollection.Name)]
public sealed class ExecStreamTests(DockerEngineFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ExecSeparatesStdoutFromStderrAndReportsTheExitCode()
    {
        await using var container = await SandboxContainer.StartAsync(fixture);

        var result = await ExecRunner.RunAsync(fixture.Engine, container.Id, "sh", "-c", "echo out; echo err >&2; exit 3");

        Assert.Equal("out\n", result.Stdout);
        Assert.Equal("err\n", result.Stderr);
        Assert.Equal(3, result.ExitCode);
    }

    [Fact]
    public async Task ExecReportsEveryExitCodeTheEngineRecords()
    {
        await using var container = await SandboxContainer.StartAsync(fixture);

        // 137: killed by SIGKILL, as the OOM killer and a run's stop leave it.
        foreach (var (script, expected) in new[] { ("true", 0), ("exit 1", 1), ("exit 42", 42), ("exit 255", 255), ("kill -9 $$", 137) })
        {
            var result = await ExecRunner.RunAsync(fixture.Engine, container.Id, "sh", "-c", script);
            Assert.True(expected == result.ExitCode, $"'{script}' exited {result.ExitCode}, expected {expected}");
        }
    }

    [Fact]
    public async Task ManyExecsAtOnceEachGetEveryLineAndTheirExitCode()
    {
        await using var container = await SandboxContainer.StartAsync(fixture);
        var expected = string.Concat(Enumerable.Range(1, 200).Select(i => $"{i}\n"));

        // 8 at a time for 10 rounds: the worker runs a user's command and its own signal checks side by side like this.
        for (var round = 0; round < 10; round++)
        {
            var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => ExecRunner.RunAsync(
                fixture.Engine, container.Id, "sh", "-c", $"seq 1 200; echo done >&2; exit {i}")));
            for (var i = 0; i < results.Length; i++)
            {
                Assert.Equal(expected, results[i].Stdout);
                Assert.Equal("done\n", results[i].Stderr);
                Assert.Equal(i, results[i].ExitCode);
            }
        }
    }

    [Fact]
    public async Task ExecWithStdinEchoesWhatIsWrittenAndEndsAfterStdinIsClosed()
    {
        await using var container = await SandboxContainer.StartAsync(fixture);
        var engine = fixture.Engine;
        var execId = await engine.CreateExecAsync(
            container.Id, new ExecDefinition { Command = ["cat"], AttachStdin = true }, CancellationToken.None).WaitAsync(Timeout);
        await using var stream = await engine.StartExecAsync(execId, tty: false, CancellationToken.None).WaitAsync(Timeout);

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
        Assert.Equal(0, await ExecRunner.WaitForExitCodeAsync(engine, execId));
    }

    [Fact]
    public async Task StdinEndOfFileArrivesAfterEveryByteWrittenBeforeIt()
    {
        await using var container = await SandboxContainer.StartAsync(fixture);
        var engine = fixture.Engine;
        var execId = await engine.CreateExecAsync(
            container.Id, new ExecDefinition { Command = ["wc", "-c"], AttachStdin = true }, CancellationToken.None).WaitAsync(Timeout);
        await using var stream = await engine.StartExecAsync(execId, tty: false, CancellationToken.None).WaitAsync(Timeout);

        var block = new byte[64 * 1024];
        for (var i = 0; i < 16; i++)
        {
            await stream.WriteStdinAsync(block, CancellationToken.None).AsTask().WaitAsync(Timeout);
        }

        // wc prints only once it reads end-of-file; the count proves nothing was cut off by the half-close.
        await stream.CloseStdinAsync().AsTask().WaitAsync(Timeout);
        var output = string.Concat((await ExecRunner.ReadToEndAsync(stream)).Select(c => Encoding.UTF8.GetString(c.Output.Data.Span)));
        Assert.Equal($"{16 * 64 * 1024}\n", output);
        Assert.Equal(0, await ExecRunner.WaitForExitCodeAsync(engine, execId));
    }

    [Fact]
    public async Task ExecStreamsOutputWhileTheProcessRuns()
    {
        await using var container = await SandboxContainer.StartAsync(fixture);
        var engine = fixture.Engine;
        // The process cannot end before it reads a line, and it gets that line only once its first output has
        // been read here: output held back until the end would never arrive (the read times out), on any load.
        var execId = await engine.CreateExecAsync(
            container.Id, new ExecDefinition { Command = ["sh", "-c", "echo 1; read x; echo 2"], AttachStdin = true },
            CancellationToken.None).WaitAsync(Timeout);
        await using var stream = await engine.StartExecAsync(execId, tty: false, CancellationToken.None).WaitAsync(Timeout);

        var first = await stream.ReadAsync(CancellationToken.None).AsTask().WaitAsync(Timeout);
        Assert.Equal("1\n", Encoding.UTF8.GetString(first!.Data.Span));
        Assert.True((await engine.InspectExecAsync(execId, CancellationToken.None).WaitAsync(Timeout)).Running);

        await stream.WriteStdinAsync("go\n"u8.ToArray(), CancellationToken.None).AsTask().WaitAsync(Timeout);
        var rest = string.Concat((await ExecRunner.ReadToEndAsync(stream)).Select(c => Encoding.UTF8.GetString(c.Output.Data.Span)));
        Assert.Equal("2\n", rest);
        Assert.Equal(0, await ExecRunner.WaitForExitCodeAsync(engine, execId));
    }

    [Fact]
    public async Task ATenMegabyteLineArrivesWholeAndInOrder()
    {
        const int length = 10 * 1024 * 1024;
        await using var container = await SandboxContainer.StartAsync(fixture);

        // Digits cycling 0-9, so a lost, doubled or reordered chunk shows.
        var result = await ExecRunner.RunAsync(
            fixture.Engine, container.Id, "sh", "-c", $"yes 0123456789 | tr -d '\\n' | head -c {length}; echo; echo done >&2");

        var line = result.Stdout;
        Assert.Equal(length + 1, line.Length);
        Assert.Equal('\n', line[^1]);
        for (var i = 0; i < length; i += 4099)
        {
            Assert.True(line[i] == (char)('0' + (i % 10)), $"byte {i} is '{line[i]}'");
        }

        Assert.Equal("done\n", result.Stderr);
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task TtyExecGivesARawTerminalThatCanBeResized()
    {
        await using var container = await SandboxContainer.StartAsync(fixture);
        var engine = fixture.Engine;
        var execId = await engine.CreateExecAsync(
            container.Id,
            new ExecDefinition { Command = ["sh", "-c", "sleep 0.5; stty size; tty; echo err >&2"], Tty = true },
            CancellationToken.None).WaitAsync(Timeout);
        await using var stream = await engine.StartExecAsync(execId, tty: true, CancellationToken.None).WaitAsync(Timeout);

        await engine.ResizeExecAsync(execId, cols: 120, rows: 40, CancellationToken.None).WaitAsync(Timeout);
        var chunks = await ExecRunner.ReadToEndAsync(stream);

        Assert.All(chunks, c => Assert.Equal(StreamKind.Stdout, c.Output.Kind));
        var screen = string.Concat(chunks.Select(c => Encoding.UTF8.GetString(c.Output.Data.Span)));

        // A terminal turns "\n" into "\r\n" and merges stderr into the same stream.
        Assert.Contains("40 120\r\n", screen, StringComparison.Ordinal);
        Assert.Contains("/dev/pts/", screen, StringComparison.Ordinal);
        Assert.Contains("err\r\n", screen, StringComparison.Ordinal);
        Assert.Equal(0, await ExecRunner.WaitForExitCodeAsync(engine, execId));
    }

    [Fact]
    public async Task ATtyResizedBeforeItsFirstOutputHasThatSizeFromTheStart()
    {
        await using var container = await SandboxContainer.StartAsync(fixture);
        var engine = fixture.Engine;
        // Nothing is printed until a line arrives on stdin, so the resize surely comes before the first output.
        var execId = await engine.CreateExecAsync(
            container.Id,
            new ExecDefinition { Command = ["sh", "-c", "read x; stty size"], Tty = true, AttachStdin = true },
            CancellationToken.None).WaitAsync(Timeout);
        await using var stream = await engine.StartExecAsync(execId, tty: true, CancellationToken.None).WaitAsync(Timeout);

        await engine.ResizeExecAsync(execId, cols: 101, rows: 33, CancellationToken.None).WaitAsync(Timeout);
        await stream.WriteStdinAsync("\n"u8.ToArray(), CancellationToken.None).AsTask().WaitAsync(Timeout);
        var screen = string.Concat((await ExecRunner.ReadToEndAsync(stream)).Select(c => Encoding.UTF8.GetString(c.Output.Data.Span)));

        Assert.Contains("33 101\r\n", screen, StringComparison.Ordinal);
        Assert.Equal(0, await ExecRunner.WaitForExitCodeAsync(engine, execId));
    }

    [Fact]
    public async Task ExecIntoAStoppedContainerRaisesAConflict()
    {
        await using var container = await SandboxContainer.StartAsync(fixture);
        await fixture.Engine.StopContainerAsync(container.Id, TimeSpan.FromSeconds(5), CancellationToken.None).WaitAsync(Timeout);

        await Assert.ThrowsAsync<EngineConflictException>(() => fixture.Engine.CreateExecAsync(
            container.Id, new ExecDefinition { Command = ["true"] }, CancellationToken.None).WaitAsync(Timeout));
    }
}
