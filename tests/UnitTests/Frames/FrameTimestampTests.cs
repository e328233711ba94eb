using System.Text.Json;
using Aspire.Sandbox.Contracts.Frames;

namespace Aspire.Sandbox.UnitTests.Frames;

public sealed class FrameTimestampTests
{
    [Theory]
    [MemberData(nameof(FrameSerializationTests.EveryFrameType), MemberType = typeof(FrameSerializationTests))]
    public void ReadsTheTimestampOfEveryFrameTypeAsTheRelaySeesIt(Frame frame, string type)
    {
        var wire = FrameJson.WithId("1700000000000-7", FrameJson.Serialize(frame with { Ts = 1_700_000_000_123_456 }));

        Assert.True(FrameTimestamp.TryRead(wire, out var ts), type);
        Assert.Equal(1_700_000_000_123_456, ts);
    }

    [Fact]
    public void ATsInsideAToolInputOrAStringIsNotTheFrames()
    {
        var frame = new ToolStartFrame
        {
            Session = "ses_a", Run = "run_b", ToolId = "t1", Name = "clock",
            Input = JsonDocument.Parse("""{"ts":42,"note":"\"ts\":7"}""").RootElement,
            Ts = 1_700_000_000_000_001,
        };

        Assert.True(FrameTimestamp.TryRead(FrameJson.Serialize(frame), out var ts));
        Assert.Equal(1_700_000_000_000_001, ts);
    }

    [Theory]
    [InlineData("""{"id":"1-1","type":"stdout","data":"x"}""")]
    [InlineData("""{"id":"1-1","type":"stdout","ts":"soon"}""")]
    [InlineData("""{"id":"1-1","type":"stdout","ts":-5}""")]
    [InlineData("")]
    public void AFrameWithoutANumericTsHasNone(string json) => Assert.False(FrameTimestamp.TryRead(json, out _));
}
