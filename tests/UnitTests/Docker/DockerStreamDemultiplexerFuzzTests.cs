using System.Text;
using Aspire.Sandbox.Worker.Docker;
using static Aspire.Sandbox.UnitTests.Docker.MultiplexedFrames;

namespace Aspire.Sandbox.UnitTests.Docker;

public sealed class DockerStreamDemultiplexerFuzzTests
{
    [Fact]
    public void ReassemblesEveryRandomChunkingOfAValidStreamExactly()
    {
        var random = new Random(20261122);
        for (var round = 0; round < 2_000; round++)
        {
            var expected = new StringBuilder[3] { new(), new(), new() };
            var frames = new List<byte[]>();
            for (var i = random.Next(1, 12); i > 0; i--)
            {
                var kind = (StreamKind)random.Next(0, 3);
                var text = new string((char)('a' + random.Next(26)), random.Next(0, 300));
                expected[(int)kind].Append(text);
                frames.Add(Frame(kind, text));
            }

            var stream = Concat([.. frames]);
            var demultiplexer = new DockerStreamDemultiplexer();
            var output = new List<ExecOutput>();
            for (var offset = 0; offset < stream.Length;)
            {
                var length = Math.Min(random.Next(1, 40), stream.Length - offset);
                demultiplexer.Feed(stream.AsSpan(offset, length), output);
                offset += length;
            }

            Assert.True(demultiplexer.IsAtFrameBoundary);
            foreach (var kind in Enum.GetValues<StreamKind>())
            {
                Assert.Equal(expected[(int)kind].ToString(), Text(output, kind));
            }
        }
    }

    [Fact]
    public void RejectsAnUnknownStreamType()
    {
        var corrupt = Frame(7, [1, 2, 3]);

        var error = Assert.Throws<DockerStreamProtocolException>(
            () => new DockerStreamDemultiplexer().Feed(corrupt, new List<ExecOutput>()));

        Assert.Contains("stream type", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsAFrameLongerThanTheLimitBeforeReadingItsPayload()
    {
        byte[] header = [1, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF];

        Assert.Throws<DockerStreamProtocolException>(
            () => new DockerStreamDemultiplexer(maxFrameLength: 1024).Feed(header, new List<ExecOutput>()));
    }

    [Fact]
    public void RaisesTheEngineErrorCarriedInASystemErrorFrame()
    {
        var chunk = Concat(Frame(StreamKind.Stdout, "partial"), Frame(3, Encoding.UTF8.GetBytes("exec failed")));
        var output = new List<ExecOutput>();

        var error = Assert.Throws<DockerStreamProtocolException>(() => new DockerStreamDemultiplexer().Feed(chunk, output));

        Assert.Contains("exec failed", error.Message, StringComparison.Ordinal);
        Assert.Equal("partial", Text(output, StreamKind.Stdout));
    }
}
