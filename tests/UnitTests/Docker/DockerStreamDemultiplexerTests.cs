using System.Text;
using Aspire.Sandbox.Worker.Docker;
using static Aspire.Sandbox.UnitTests.Docker.MultiplexedFrames;

namespace Aspire.Sandbox.UnitTests.Docker;

public sealed class DockerStreamDemultiplexerTests
{
    [Fact]
    public void DemultiplexesOneStdoutFrame()
    {
        var output = new List<ExecOutput>();

        new DockerStreamDemultiplexer().Feed(Frame(StreamKind.Stdout, "hello\n"), output);

        var only = Assert.Single(output);
        Assert.Equal(StreamKind.Stdout, only.Kind);
        Assert.Equal("hello\n", Encoding.UTF8.GetString(only.Data.Span));
    }

    [Fact]
    public void DemultiplexesHeaderSplitAcrossReads()
    {
        var frame = Frame(StreamKind.Stderr, "oops");
        var demultiplexer = new DockerStreamDemultiplexer();
        var output = new List<ExecOutput>();

        demultiplexer.Feed(frame.AsSpan(0, 3), output);
        Assert.Empty(output);
        demultiplexer.Feed(frame.AsSpan(3, 4), output);
        Assert.Empty(output);
        demultiplexer.Feed(frame.AsSpan(7), output);

        Assert.Equal("oops", Text(output, StreamKind.Stderr));
        Assert.True(demultiplexer.IsAtFrameBoundary);
    }

    [Fact]
    public void EmitsPayloadBytesAsSoonAsTheyArriveWhenFedByteByByte()
    {
        var stream = Concat(Frame(StreamKind.Stdout, "abc"), Frame(StreamKind.Stderr, "de"));
        var demultiplexer = new DockerStreamDemultiplexer();
        var output = new List<ExecOutput>();
        var countsAfterEachByte = new List<int>();

        foreach (var b in stream)
        {
            demultiplexer.Feed([b], output);
            countsAfterEachByte.Add(output.Count);
        }

        // The first payload byte (index 8) must come out on its own, not wait for the rest of the frame.
        Assert.Equal(1, countsAfterEachByte[8]);
        Assert.Equal("abc", Text(output, StreamKind.Stdout));
        Assert.Equal("de", Text(output, StreamKind.Stderr));
    }

    [Fact]
    public void DemultiplexesSeveralFramesInOneChunkInOrder()
    {
        var chunk = Concat(
            Frame(StreamKind.Stdout, "one"), Frame(StreamKind.Stderr, "two"), Frame(StreamKind.Stdout, "three"));
        var output = new List<ExecOutput>();

        new DockerStreamDemultiplexer().Feed(chunk, output);

        Assert.Equal(
            [(StreamKind.Stdout, "one"), (StreamKind.Stderr, "two"), (StreamKind.Stdout, "three")],
            output.Select(o => (o.Kind, Encoding.UTF8.GetString(o.Data.Span))));
    }

    [Fact]
    public void SkipsZeroLengthFramesWithoutLosingSync()
    {
        var chunk = Concat(
            Frame(StreamKind.Stdout, ""), Frame(StreamKind.Stdout, "a"), Frame(StreamKind.Stderr, ""), Frame(StreamKind.Stderr, "b"));
        var demultiplexer = new DockerStreamDemultiplexer();
        var output = new List<ExecOutput>();

        demultiplexer.Feed(chunk, output);

        Assert.Equal([(StreamKind.Stdout, "a"), (StreamKind.Stderr, "b")], output.Select(o => (o.Kind, Encoding.UTF8.GetString(o.Data.Span))));
        Assert.True(demultiplexer.IsAtFrameBoundary);
    }

    [Fact]
    public void TellsStdinStdoutAndStderrApartByTheTypeByte()
    {
        var output = new List<ExecOutput>();

        new DockerStreamDemultiplexer().Feed(
            Concat(Frame(StreamKind.Stdin, "i"), Frame(StreamKind.Stdout, "o"), Frame(StreamKind.Stderr, "e")), output);

        Assert.Equal([StreamKind.Stdin, StreamKind.Stdout, StreamKind.Stderr], output.Select(o => o.Kind));
    }

    [Fact]
    public void IsAtFrameBoundaryOnlyBetweenFrames()
    {
        var frame = Frame(StreamKind.Stdout, "xy");
        var demultiplexer = new DockerStreamDemultiplexer();
        var output = new List<ExecOutput>();

        Assert.True(demultiplexer.IsAtFrameBoundary);
        demultiplexer.Feed(frame.AsSpan(0, 2), output);
        Assert.False(demultiplexer.IsAtFrameBoundary);
        demultiplexer.Feed(frame.AsSpan(2, 7), output);
        Assert.False(demultiplexer.IsAtFrameBoundary);
        demultiplexer.Feed(frame.AsSpan(9), output);
        Assert.True(demultiplexer.IsAtFrameBoundary);
    }

    [Fact]
    public void OutputDoesNotShareMemoryWithTheFedBuffer()
    {
        var chunk = Frame(StreamKind.Stdout, "keep");
        var output = new List<ExecOutput>();

        new DockerStreamDemultiplexer().Feed(chunk, output);
        Array.Clear(chunk);

        Assert.Equal("keep", Text(output, StreamKind.Stdout));
    }
}
