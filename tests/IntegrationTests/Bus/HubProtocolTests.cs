using System.Text.Json;
using Aspire.Sandbox.Contracts.Frames;
using Aspire.Sandbox.IntegrationTests.Support;

namespace Aspire.Sandbox.IntegrationTests.Bus;

/// <summary>The hub offers MessagePack beside JSON: a MessagePack viewer gets the same frames, replayed and live.</summary>
[Collection(BusCollection.Name)]
public sealed class HubProtocolTests(BusFixture bus)
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AMessagePackViewerGetsTheFramesAJsonViewerGetsReplayedThenLive()
    {
        var session = $"ses_msgpack_{Guid.NewGuid():N}";
        await using var publisher = await TestPublisher.StartAsync(bus.Connection);
        PublishVariedFrames(publisher, session, 0, 30); // stored before anyone watches: replay
        await publisher.Publisher.FlushAsync(CancellationToken.None);

        await using var messagePack = await HubViewer.ConnectAsync(bus.Web.Url, bus.Tokens.Viewer(session), CancellationToken.None, HubWireProtocol.MessagePack);
        await using var json = await HubViewer.ConnectAsync(bus.Web.Url, bus.Tokens.Viewer(session), CancellationToken.None);
        await messagePack.SubscribeAsync(session, null, CancellationToken.None);
        await json.SubscribeAsync(session, null, CancellationToken.None);
        PublishVariedFrames(publisher, session, 30, 60); // published while both watch: live
        await publisher.Publisher.FlushAsync(CancellationToken.None);

        var stored = await publisher.StoredIdsAsync(session);
        var viaMessagePack = await messagePack.ReadUntilAsync(f => f.Id == stored[^1], ReadTimeout);
        var viaJson = await json.ReadUntilAsync(f => f.Id == stored[^1], ReadTimeout);

        SequenceAssert.ExactlyAfter(stored, null, viaMessagePack.Ids(), "MessagePack viewer");
        SequenceAssert.ExactlyAfter(stored, null, viaJson.Ids(), "JSON viewer");
        for (var i = 0; i < stored.Count; i++)
            Assert.True(JsonElement.DeepEquals(viaJson[i].Json, viaMessagePack[i].Json), $"frame {i}: JSON {viaJson[i].Json} vs MessagePack {viaMessagePack[i].Json}");
        Assert.Equal("héllo ✓ 日本 3", viaMessagePack.Single(f => f.Type == "stdout" && f.Text("data").EndsWith(" 3")).Text("data"));
        Assert.Equal(JsonValueKind.Number, viaMessagePack[0].Json.GetProperty("ts").ValueKind);
        Assert.All(viaMessagePack.Where(f => f.Type == "status"), f => Assert.Equal(JsonValueKind.Null, f.Json.GetProperty("run").ValueKind));
    }

    /// <summary>Strings with non-ASCII text, null run ids, nested objects with numbers and booleans: what a frame may hold.</summary>
    private static void PublishVariedFrames(TestPublisher publisher, string session, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            Frame frame = (i % 3) switch
            {
                0 => new StdoutFrame { Session = session, Run = "run_1", Data = $"héllo ✓ 日本 {i}" },
                1 => new ToolStartFrame
                {
                    Session = session, Run = "run_1", ToolId = $"tool_{i}", Name = "bash",
                    Input = JsonDocument.Parse($$"""{"command":"ls","n":{{i}},"big":12345678901234,"ratio":0.5,"ok":true,"none":null,"list":[1,"two",{"three":3}]}""").RootElement,
                },
                _ => new StatusFrame { Session = session, Run = null, State = "running" },
            };
            publisher.Publisher.Publish(frame);
        }
    }
}
