using Aspire.Sandbox.Api.Sessions;

namespace Aspire.Sandbox.UnitTests.Api;

/// <summary>Traversal in disguise: encoded, double-encoded, invisible or malformed characters.</summary>
public sealed class WorkspacePathEncodingTests
{
    [Theory]
    [InlineData("%2e%2e/x")]
    [InlineData("%2E%2E/x")]
    [InlineData("a/%2e/b")]
    [InlineData("%252e%252e/x")]
    [InlineData("a/\u202Ex")]
    [InlineData("a\u2028b")]
    [InlineData("a\u0085b")]
    [InlineData("a/")]
    public void DisguisedProblemsAreRefused(string path) => Assert.NotNull(WorkspacePath.Problem(path));

    [Fact]
    public void UnpairedSurrogatesAreRefused()
    {
        // Built here: test-case attributes would turn a lone surrogate into U+FFFD on the way in.
        Assert.NotNull(WorkspacePath.Problem("a" + (char)0xD800 + "b"));
        Assert.NotNull(WorkspacePath.Problem("a" + (char)0xDC00));
        Assert.Null(WorkspacePath.Problem("a" + char.ConvertFromUtf32(0x1F600)));
    }

    [Fact]
    public void SegmentsOver255BytesAreRefused()
    {
        Assert.Null(WorkspacePath.Problem(new string('a', 255)));
        Assert.NotNull(WorkspacePath.Problem(new string('a', 256)));
        Assert.NotNull(WorkspacePath.Problem(new string('é', 128)));
    }

    [Theory]
    [InlineData("100%.txt")]
    [InlineData("a%20b")]
    [InlineData("..x/y")]
    [InlineData("emoji-😀.md")]
    [InlineData("日本/語.txt")]
    public void UnusualButHarmlessNamesAreAccepted(string path) => Assert.Null(WorkspacePath.Problem(path));
}
