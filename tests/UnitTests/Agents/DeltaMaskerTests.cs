using Aspire.Sandbox.Worker.Agents;
using Aspire.Sandbox.Worker.Runs;

namespace Aspire.Sandbox.UnitTests.Agents;

public sealed class DeltaMaskerTests
{
    [Fact]
    public void TextEndingInWhitespaceGoesOutAtOnce()
    {
        var masker = new DeltaMasker(SecretMasker.None);

        Assert.Equal("Hello ", masker.Push("Hello "));
        Assert.Equal("", masker.Push("wor"));
        Assert.Equal("world\n", masker.Push("ld\n"));
    }

    [Fact]
    public void SecretStreamedInPiecesIsMaskedWhole()
    {
        var masker = new DeltaMasker(new SecretMasker(["abc123xyz"]));

        var shown = masker.Push("key: ab") + masker.Push("c12") + masker.Push("3xyz") + masker.Push(" done") + masker.Flush();

        Assert.Equal("key: *** done", shown);
    }

    [Fact]
    public void WordWithoutEndIsReleasedOnceItIsLong()
    {
        var masker = new DeltaMasker(SecretMasker.None);

        Assert.Equal(new string('x', DeltaMasker.MaxHeldChars), masker.Push(new string('x', DeltaMasker.MaxHeldChars)));
    }
}
