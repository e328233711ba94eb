using Aspire.Sandbox.Contracts.Frames;

namespace Aspire.Sandbox.UnitTests.Frames;

public sealed class StreamIdTests
{
    [Theory]
    [InlineData("1-0", "1-1")]
    [InlineData("1-9", "1-10")]
    [InlineData("9-5", "10-0")]
    [InlineData("0-0", "1700000000000-0")]
    public void IdsOrderByTimeThenSequenceNumerically(string smaller, string larger)
    {
        Assert.True(StreamId.Parse(smaller) < StreamId.Parse(larger));
        Assert.True(StreamId.Parse(larger) > StreamId.Parse(smaller));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("1-")]
    [InlineData("-1")]
    [InlineData("1-2-3")]
    [InlineData("+")]
    public void MalformedIdsAreRefused(string text) => Assert.False(StreamId.TryParse(text, out _));

    [Fact]
    public void IdRoundTripsThroughText() => Assert.Equal("1700000000000-42", StreamId.Parse("1700000000000-42").ToString());
}
