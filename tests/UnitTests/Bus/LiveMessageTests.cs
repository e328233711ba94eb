using System.Text;
using System.Text.Json;
using Aspire.Sandbox.Contracts.Frames;
using Aspire.Sandbox.Contracts.Redis;

namespace Aspire.Sandbox.UnitTests.Bus;

public sealed class LiveMessageTests
{
    private const string Session = "ses_1";

    [Fact]
    public void ParsedFramesCarryTheirIdsAndThePreviousId()
    {
        var message = LiveMessage.Format(StreamId.Parse("5-0"), [("5-1", """{"type":"stdout","data":"a"}"""), ("6-0", """{"type":"stdout","data":"b"}""")]);

        var live = LiveMessage.Parse(Session, Encoding.UTF8.GetBytes(message));

        Assert.Equal(StreamId.Parse("5-0"), live.Previous);
        Assert.Equal(["5-1", "6-0"], live.Frames.Select(f => f.Id.ToString()));
        Assert.Equal("""{"id":"5-1","type":"stdout","data":"a"}""", live.Frames[0].Json);
    }

    [Fact]
    public void NonAsciiTextSurvivesTheByteLevelParse()
    {
        var json = JsonSerializer.Serialize(new { type = "text-delta", text = "héllo ✓ 日本" });
        var live = LiveMessage.Parse(Session, Encoding.UTF8.GetBytes(LiveMessage.Format(StreamId.Zero, [("1-0", json)])));

        Assert.Equal("héllo ✓ 日本", JsonDocument.Parse(live.Frames[0].Json).RootElement.GetProperty("text").GetString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-an-id\n1-0 {\"type\":\"x\"}")]
    [InlineData("0-0")]
    [InlineData("0-0\n")]
    [InlineData("0-0\nno-space-here")]
    [InlineData("0-0\n2-0 {\"type\":\"x\"}\n1-0 {\"type\":\"x\"}")]
    [InlineData("3-0\n2-0 {\"type\":\"x\"}")]
    [InlineData("0-0\n1-0 {\"type\":\"x\"\n,\"more\":1}")]
    public void AnythingElseIsAFormatError(string message) =>
        Assert.Throws<FormatException>(() => LiveMessage.Parse(Session, Encoding.UTF8.GetBytes(message)));

    [Fact]
    public void AFrameThatIsNotFrameJsonIsWithheldUnderItsOwnId()
    {
        var live = LiveMessage.Parse(Session, Encoding.UTF8.GetBytes("0-0\n1-0 <script>\n2-0 {\"type\":\"stdout\",\"data\":\"ok\"}"));

        var withheld = JsonDocument.Parse(live.Frames[0].Json).RootElement;
        Assert.Equal("1-0", withheld.GetProperty("id").GetString());
        Assert.Equal("error", withheld.GetProperty("type").GetString());
        Assert.Equal(StoredFrames.MalformedCode, withheld.GetProperty("code").GetString());
        Assert.Equal(Session, withheld.GetProperty("session").GetString());
        Assert.Equal("""{"id":"2-0","type":"stdout","data":"ok"}""", live.Frames[1].Json);
    }
}
