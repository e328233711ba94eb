using System.Text;
using System.Text.Json;
using Aspire.Sandbox.Contracts.Frames;
using Aspire.Sandbox.Contracts.Redis;

namespace Aspire.Sandbox.UnitTests.Bus;

public sealed class StoredFramesTests
{
    [Fact]
    public void AFrameSerializedByUsIsPassedThroughWithItsIdInFront()
    {
        var json = FrameJson.Serialize(new StdoutFrame { Session = "s", Run = "r", Data = "x\n\"q\"" });

        var frame = StoredFrames.ToRawFrame("s", "12-3", Encoding.UTF8.GetBytes(json));

        Assert.Equal(FrameJson.WithId("12-3", json), frame.Json);
        Assert.Equal(new StreamId(12, 3), frame.Id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("[1,2]")]
    [InlineData(" {\"type\":\"x\"}")]
    [InlineData("{\"type\":\"x\"")]
    [InlineData("{\"type\":\"x\"} {}")]
    [InlineData("{\"id\":\"9-9\",\"type\":\"x\"}")]
    [InlineData("{\"type\":\"x\",\"id\":\"9-9\"}")]
    public void WhatIsNotOneFrameObjectIsReplacedByAnErrorFrame(string stored)
    {
        var frame = StoredFrames.ToRawFrame("s", "1-0", Encoding.UTF8.GetBytes(stored));

        var root = JsonDocument.Parse(frame.Json).RootElement;
        Assert.Equal("1-0", root.GetProperty("id").GetString());
        Assert.Equal(StoredFrames.MalformedCode, root.GetProperty("code").GetString());
    }

    [Fact]
    public void AnIdDeeperInsideTheFrameIsData()
    {
        Assert.True(StoredFrames.IsFrameObject("""{"type":"tool-start","input":{"id":1}}"""u8));
    }

    [Fact]
    public void AnOversizedEntryIsWithheld()
    {
        var huge = JsonSerializer.Serialize(new { type = "stdout", data = new string('x', StoredFrames.MaxFrameBytes) });

        var frame = StoredFrames.ToRawFrame("s", "1-0", Encoding.UTF8.GetBytes(huge));

        Assert.Contains(StoredFrames.MalformedCode, frame.Json);
        Assert.True(frame.Json.Length < 1000);
    }

    [Fact]
    public void InvalidUtf8BecomesReplacementCharactersInStillValidJson()
    {
        byte[] bytes = [.. "{\"type\":\"stdout\",\"data\":\""u8, 0xC3, 0x28, .. "\"}"u8];

        var data = JsonDocument.Parse(StoredFrames.ToRawFrame("s", "1-0", bytes).Json).RootElement.GetProperty("data").GetString();
        Assert.Equal("\uFFFD(", data);
    }
}
