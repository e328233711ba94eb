using Aspire.Sandbox.Worker.Agents;

namespace Aspire.Sandbox.UnitTests.Agents;

public sealed class LineAssemblerTests
{
    [Fact]
    public void CandidateLineIsHeldUntilItsNewlineAndKeepsIt()
    {
        var lines = new LineAssembler();

        Assert.Empty(lines.Push("  {\"a\":"));
        Assert.Equal([new LinePiece("  {\"a\":1}\n", true)], lines.Push("1}\n"));
    }

    [Fact]
    public void OtherTextPassesThroughAtOnce()
    {
        var lines = new LineAssembler();

        Assert.Equal([new LinePiece("  ", false), new LinePiece("hello", false)], lines.Push("  hello"));
        Assert.Equal([new LinePiece(" {still plain}\n", false), new LinePiece("\n", false)], lines.Push(" {still plain}\n\n"));
    }

    [Fact]
    public void CandidateOverTheLimitIsReleasedAsPlainTextUpToItsNewline()
    {
        var lines = new LineAssembler(maxLineChars: 8);

        var pieces = lines.Push("{\"abc\":").Concat(lines.Push("12345")).Concat(lines.Push("678}\n{}\n")).ToList();

        Assert.Equal([new LinePiece("{\"abc\":", false), new LinePiece("12345", false), new LinePiece("678}\n", false), new LinePiece("{}\n", true)], pieces);
    }

    [Fact]
    public void FlushReleasesALastLineWithoutNewline()
    {
        var lines = new LineAssembler();
        lines.Push("{\"x\":1}");

        Assert.Equal([new LinePiece("{\"x\":1}", true)], lines.Flush());
        Assert.Empty(lines.Flush());
    }
}
