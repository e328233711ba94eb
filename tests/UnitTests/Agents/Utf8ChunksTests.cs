using System.Text;
using Aspire.Sandbox.Worker.Agents;

namespace Aspire.Sandbox.UnitTests.Agents;

public sealed class Utf8ChunksTests
{
    [Theory]
    [InlineData("aé€😀", 4)]
    [InlineData("😀😀😀", 5)]
    [InlineData("plain ascii text", 3)]
    public void PiecesStayUnderTheLimitAndNeverCutACharacter(string text, int maxBytes)
    {
        var pieces = Utf8Chunks.Split(text, maxBytes).ToList();

        Assert.Equal(text, string.Concat(pieces));
        Assert.All(pieces, p =>
        {
            Assert.InRange(Encoding.UTF8.GetByteCount(p), 1, maxBytes);
            Assert.False(char.IsHighSurrogate(p[^1]));
        });
    }
}
