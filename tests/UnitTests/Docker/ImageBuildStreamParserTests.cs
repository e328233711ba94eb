using System.Text;
using Aspire.Sandbox.Worker.Docker;

namespace Aspire.Sandbox.UnitTests.Docker;

public sealed class ImageBuildStreamParserTests
{
    [Fact]
    public void GivesTheSameLinesAndIdWhereverTheStreamIsCutInTwo()
    {
        var stream = BuildStreams.Bytes(BuildStreams.Success);
        for (var cut = 0; cut <= stream.Length; cut++)
        {
            var progress = new RecordingProgress();
            var parser = new ImageBuildStreamParser(progress);

            parser.Feed(stream.AsSpan(0, cut));
            parser.Feed(stream.AsSpan(cut));

            Assert.Equal(BuildStreams.ImageId, parser.Complete());
            Assert.Equal(BuildStreams.SuccessLines, progress.Lines);
        }
    }

    [Fact]
    public void GivesTheSameLinesAndIdForEveryRandomChunkingDownToSingleBytes()
    {
        var stream = BuildStreams.Bytes(BuildStreams.Success);
        var random = new Random(20261123);
        for (var round = 0; round < 500; round++)
        {
            var progress = new RecordingProgress();
            var parser = new ImageBuildStreamParser(progress);
            var largest = round % 5 == 0 ? 1 : random.Next(2, 64);
            for (var offset = 0; offset < stream.Length;)
            {
                var length = Math.Min(random.Next(1, largest + 1), stream.Length - offset);
                parser.Feed(stream.AsSpan(offset, length));
                offset += length;
            }

            Assert.Equal(BuildStreams.ImageId, parser.Complete());
            Assert.Equal(BuildStreams.SuccessLines, progress.Lines);
        }
    }

    [Fact]
    public void ReportsALineAsSoonAsItsLineBreakArrives()
    {
        var progress = new RecordingProgress();
        var parser = new ImageBuildStreamParser(progress);

        parser.Feed("""{"stream":"Step 1/2 : FROM base"}"""u8);
        Assert.Empty(progress.Lines);

        parser.Feed("""{"stream":"\n"}{"str"""u8);
        Assert.Equal(["Step 1/2 : FROM base"], progress.Lines);
    }

    [Fact]
    public void SeparatesMessagesThatHaveNoLineBreakBetweenThem()
    {
        var progress = new RecordingProgress();
        var parser = new ImageBuildStreamParser(progress);

        parser.Feed("""{"stream":"a\n"}{"stream":"b\n"} {"aux":{"ID":"sha256:1"}}"""u8);

        Assert.Equal("sha256:1", parser.Complete());
        Assert.Equal(["a", "b"], progress.Lines);
    }

    [Fact]
    public void ReportsAnUnterminatedLastLineAtTheEndAndKeepsEmptyLines()
    {
        var progress = new RecordingProgress();
        var parser = new ImageBuildStreamParser(progress);

        parser.Feed("""{"stream":"first\n\n"}{"aux":{"ID":"sha256:1"}}{"stream":"no line break"}"""u8);

        Assert.Equal(["first", ""], progress.Lines);
        parser.Complete();
        Assert.Equal(["first", "", "no line break"], progress.Lines);
    }

    [Fact]
    public void IgnoresPullStatusAndAuxMessagesOfOtherShapes()
    {
        var progress = new RecordingProgress();
        var parser = new ImageBuildStreamParser(progress);

        parser.Feed("""{"status":"Pulling from library/debian","id":"bookworm"}{"aux":"dHJhY2U="}{"aux":{"ID":"sha256:2"}}{}"""u8);

        Assert.Equal("sha256:2", parser.Complete());
        Assert.Empty(progress.Lines);
    }

    [Fact]
    public void AnErrorMessageRaisesABuildExceptionWithTheEngineMessageCodeAndLastLines()
    {
        var progress = new RecordingProgress();
        var parser = new ImageBuildStreamParser(progress);

        var error = Assert.Throws<DockerImageBuildException>(() => parser.Feed(BuildStreams.Bytes(BuildStreams.Failure)));

        Assert.Equal(BuildStreams.FailureMessage, error.Message);
        Assert.Equal(3, error.Code);
        Assert.Equal(progress.Lines, error.LastOutputLines);
        Assert.Equal(["about to fail", "Removing intermediate container fc5ee168a8b5"], error.LastOutputLines.TakeLast(2));
    }

    [Fact]
    public void AnErrorAfterAnUnterminatedLineStillCarriesThatLine()
    {
        var parser = new ImageBuildStreamParser(progress: null);

        var error = Assert.Throws<DockerImageBuildException>(
            () => parser.Feed("""{"stream":"cp: cannot stat 'x'"}{"error":"COPY failed"}"""u8));

        Assert.Equal("COPY failed", error.Message);
        Assert.Null(error.Code);
        Assert.Equal(["cp: cannot stat 'x'"], error.LastOutputLines);
    }

    [Fact]
    public void TheExceptionKeepsOnlyTheLastLines()
    {
        var output = new StringBuilder();
        for (var i = 1; i <= 50; i++)
        {
            output.Append($$"""{"stream":"line {{i}}\n"}""");
        }

        output.Append("""{"error":"boom","errorDetail":{"message":"boom"}}""");
        var parser = new ImageBuildStreamParser(progress: null);

        var error = Assert.Throws<DockerImageBuildException>(() => parser.Feed(Encoding.UTF8.GetBytes(output.ToString())));

        Assert.Equal(ImageBuildStreamParser.TailLineCount, error.LastOutputLines.Count);
        Assert.Equal("line 50", error.LastOutputLines[^1]);
        Assert.Equal($"line {51 - ImageBuildStreamParser.TailLineCount}", error.LastOutputLines[0]);
    }

    [Fact]
    public void AStreamEndingInTheMiddleOfAMessageIsAProtocolError()
    {
        var parser = new ImageBuildStreamParser(progress: null);
        parser.Feed("""{"aux":{"ID":"sha256:1"}}{"stream":"Step 1"""u8);

        var error = Assert.Throws<DockerStreamProtocolException>(() => parser.Complete());

        Assert.Contains("middle of a message", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AStreamEndingWithoutAnImageIdIsAProtocolError()
    {
        var parser = new ImageBuildStreamParser(progress: null);
        parser.Feed(BuildStreams.Bytes("""{"stream":"Step 1/1 : FROM base\n"}""" + "\r\n"));

        var error = Assert.Throws<DockerStreamProtocolException>(() => parser.Complete());

        Assert.Contains("without", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<html>Bad Gateway</html>")]
    [InlineData("""{"stream":"a"]""")]
    [InlineData("""{"stream":42}""")]
    public void BytesThatAreNotBuildMessagesAreAProtocolError(string garbage)
    {
        var parser = new ImageBuildStreamParser(progress: null);

        Assert.Throws<DockerStreamProtocolException>(() => parser.Feed(Encoding.UTF8.GetBytes(garbage)));
    }

    [Fact]
    public void AMessageLongerThanTheLimitIsRejectedBeforeItEnds()
    {
        var parser = new ImageBuildStreamParser(progress: null, maxMessageLength: 1024);
        parser.Feed(""""{"stream":""""u8);

        Assert.Throws<DockerStreamProtocolException>(() =>
        {
            for (var i = 0; i < 100; i++)
            {
                parser.Feed(Encoding.ASCII.GetBytes(new string('x', 100)));
            }
        });
    }

    [Fact]
    public void AVeryLongLineWithoutLineBreaksIsReportedInPieces()
    {
        var progress = new RecordingProgress();
        var parser = new ImageBuildStreamParser(progress);
        var bar = new string('#', 1000);

        for (var i = 0; i < 100; i++)
        {
            parser.Feed(Encoding.ASCII.GetBytes($$"""{"stream":"{{bar}}"}"""));
        }

        Assert.NotEmpty(progress.Lines);
        Assert.All(progress.Lines, line => Assert.True(line.Length <= 17 * 1024));
    }
}
