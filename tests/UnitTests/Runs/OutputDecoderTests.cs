using System.Text;
using Aspire.Sandbox.Worker.Runs;

namespace Aspire.Sandbox.UnitTests.Runs;

public sealed class OutputDecoderTests
{
    [Fact]
    public void CharacterSplitAcrossReadsIsDecodedWhole()
    {
        var bytes = Encoding.UTF8.GetBytes("é€");
        var decoder = new OutputDecoder();

        var text = string.Concat(bytes.Select(b => string.Concat(decoder.Decode(new[] { b }).Select(d => d.Data))));

        Assert.Equal("é€", text);
    }

    [Fact]
    public void BytesThatAreNotUtf8BecomeBase64()
    {
        var decoded = new OutputDecoder().Decode(new byte[] { 0xff, 0xfe, 0x00 }).Single();

        Assert.Equal("base64", decoded.Encoding);
        Assert.Equal(new byte[] { 0xff, 0xfe, 0x00 }, Convert.FromBase64String(decoded.Data));
    }

    [Fact]
    public void LargeChunksAreSplitUnderTheFrameLimit()
    {
        var chunk = Encoding.UTF8.GetBytes(new string('€', 100_000));

        var pieces = new OutputDecoder().Decode(chunk).ToList();

        Assert.True(pieces.Count > 1);
        Assert.All(pieces, p => Assert.True(Encoding.UTF8.GetByteCount(p.Data) <= OutputDecoder.MaxFrameBytes));
        Assert.Equal(new string('€', 100_000), string.Concat(pieces.Select(p => p.Data)));
    }

    [Fact]
    public void SecretValuesAreMasked() =>
        Assert.Equal("token=*** and ***", new SecretMasker(["s3cr3t", "hunter2"]).Apply("token=s3cr3t and hunter2"));
}
