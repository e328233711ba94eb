using System.Text;
using Aspire.Sandbox.Contracts.Frames;
using Aspire.Sandbox.Worker.Agents;
using Aspire.Sandbox.Worker.Runs;

namespace Aspire.Sandbox.UnitTests.Agents;

public sealed class JsonLinesParserTests
{
    private const int ReadSize = OutputDecoder.MaxFrameBytes / 2; // what the worker's decoder hands over at most

    [Theory]
    [InlineData("""{"type":"progress","step":"starting_server","message":"x"}""")]
    [InlineData("""{"type":"ready","previewUrl":"http://evil.example"}""")]
    [InlineData("""{"type":"status","state":"stopped"}""")]
    [InlineData("""{"type":"run-queued","position":0}""")]
    [InlineData("""{"type":"run-started","command":["sh"]}""")]
    [InlineData("""{"type":"process-exit","exitCode":0,"signal":null,"reason":"exited"}""")]
    [InlineData("""{"type":"session-ended","reason":"deleted"}""")]
    [InlineData("""{"type":"stderr","data":"x"}""")]
    [InlineData("""{"type":"terminal","data":"x"}""")]
    public void ControlFramePrintedByTheAgentIsOnlyStdoutData(string line)
    {
        var frames = ParserHarness.Run(JsonLinesParser.Name, line + "\n");

        var stdout = Assert.IsType<StdoutFrame>(Assert.Single(frames));
        Assert.Equal(line + "\n", stdout.Data);
    }

    [Fact]
    public void PlainOutputStreamsAtOnceWhileAnEventLineWaitsForItsNewline()
    {
        var parser = ParserHarness.Create(JsonLinesParser.Name);

        Assert.Equal("Downloading 50%", Assert.IsType<StdoutFrame>(Assert.Single(parser.Feed("Downloading 50%"))).Data);
        Assert.Equal("\n", Assert.IsType<StdoutFrame>(Assert.Single(parser.Feed("\n{\"type\":\"text-delta\",\"te"))).Data);
        Assert.Empty(parser.Feed("xt\":\"hi \"}"));
        Assert.Equal("hi ", Assert.IsType<TextDeltaFrame>(Assert.Single(parser.Feed("\n"))).Text);
    }

    [Fact]
    public void EventLineLongerThan64KiBIsParsedAndItsTextSplitUnderTheFrameLimit()
    {
        var text = new string('é', 150_000) + " end";
        var line = $"{{\"type\":\"text-delta\",\"text\":\"{text}\"}}\n";

        var frames = ParserHarness.Run(ParserHarness.Create(JsonLinesParser.Name), Pieces(line, ReadSize));

        var deltas = frames.OfType<TextDeltaFrame>().ToList();
        Assert.True(deltas.Count > 1);
        Assert.All(deltas, d => Assert.True(Encoding.UTF8.GetByteCount(d.Text) <= OutputDecoder.MaxFrameBytes));
        Assert.Equal(text, ParserHarness.Text(frames));
        Assert.Equal(text, frames.OfType<DoneFrame>().Single().Text);
    }

    [Fact]
    public void LineOverTheLimitPassesThroughAsStdoutInPiecesAndParsingResumesAfterIt()
    {
        var huge = "{\"type\":\"text-delta\",\"text\":\"" + new string('x', LineAssembler.MaxLineChars + 10) + "\"}\n";
        var next = "{\"type\":\"text-delta\",\"text\":\"after\"}\n";

        var frames = ParserHarness.Run(ParserHarness.Create(JsonLinesParser.Name), Pieces(huge + next, ReadSize));

        Assert.Equal(huge, ParserHarness.Stdout(frames));
        Assert.All(frames.OfType<StdoutFrame>(), f => Assert.True(Encoding.UTF8.GetByteCount(f.Data) <= OutputDecoder.MaxFrameBytes));
        Assert.Equal("after", ParserHarness.Text(frames));
    }

    [Fact]
    public void MuchPlainOutputInOneReadIsSplitInto64KiBFrames()
    {
        var output = string.Concat(Enumerable.Range(0, 20_000).Select(i => $"line {i} €\n"));

        var frames = ParserHarness.Run(ParserHarness.Create(JsonLinesParser.Name), [output]);

        Assert.True(frames.Count > 3);
        Assert.All(frames, f => Assert.True(Encoding.UTF8.GetByteCount(Assert.IsType<StdoutFrame>(f).Data) <= OutputDecoder.MaxFrameBytes));
        Assert.Equal(output, ParserHarness.Stdout(frames));
    }

    [Fact]
    public void SecretEchoedAcrossDeltasIsMasked()
    {
        var lines = new[] { "The key is sk-ant-", "test-SEC", "RET123", ", as asked." }
            .Select(t => $"{{\"type\":\"text-delta\",\"text\":\"{t}\"}}\n");

        var frames = ParserHarness.Run(ParserHarness.Create(JsonLinesParser.Name, ParserHarness.Secret), lines);

        Assert.Equal("The key is ***, as asked.", ParserHarness.Text(frames));
        Assert.Equal("The key is ***, as asked.", frames.OfType<DoneFrame>().Single().Text);
    }

    [Fact]
    public void SecretWrittenWithJsonEscapesIsMaskedInEveryField()
    {
        const string secret = "p\"ss\\w/rd";
        var line = """{"type":"tool-start","toolId":"t1","name":"login","input":{"password":"p\"ss\\w\/rd","list":["p\u0022ss\\w/rd"]}}""" + "\n" +
                   """{"type":"tool-result","toolId":"t1","output":"using p\"ss\\w\/rd","isError":false}""" + "\n";

        var frames = ParserHarness.Run(ParserHarness.Create(JsonLinesParser.Name, secret), [line]);

        var start = frames.OfType<ToolStartFrame>().Single();
        Assert.Equal("***", start.Input!.Value.GetProperty("password").GetString());
        Assert.Equal("***", start.Input!.Value.GetProperty("list")[0].GetString());
        Assert.Equal("using ***", frames.OfType<ToolResultFrame>().Single().Output);
    }

    [Fact]
    public void DoneWithoutTextCarriesTheStreamedText()
    {
        var frames = ParserHarness.Run(JsonLinesParser.Name,
            "{\"type\":\"text-delta\",\"text\":\"Hello \"}\n{\"type\":\"text-delta\",\"text\":\"world\"}\n{\"type\":\"done\",\"usage\":{\"output_tokens\":2}}\n");

        var done = frames.OfType<DoneFrame>().Single();
        Assert.Equal("Hello world", done.Text);
        Assert.Equal(2, done.Usage!.Value.GetProperty("output_tokens").GetInt32());
        Assert.IsType<DoneFrame>(frames[^1]);
    }

    [Fact]
    public void OutputThatNeverSpokeTheProtocolGetsNoDone()
    {
        var frames = ParserHarness.Run(JsonLinesParser.Name, "bash: demo-agent: command not found\n{\"not\":\"an event\"}\n");

        Assert.All(frames, f => Assert.IsType<StdoutFrame>(f));
    }

    [Fact]
    public void CompleteAddsNoDoneAfterTheAgentsOwn()
    {
        var parser = ParserHarness.Create(JsonLinesParser.Name);
        parser.Feed("{\"type\":\"done\",\"text\":\"x\"}\n");

        Assert.Empty(parser.Complete());
    }

    private static IEnumerable<string> Pieces(string text, int size)
    {
        for (var i = 0; i < text.Length; i += size) yield return text.Substring(i, Math.Min(size, text.Length - i));
    }
}
