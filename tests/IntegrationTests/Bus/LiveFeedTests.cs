using Aspire.Sandbox.Contracts.Redis;
using Aspire.Sandbox.IntegrationTests.Support;

namespace Aspire.Sandbox.IntegrationTests.Bus;

/// <summary>The Web's live feeds: one Redis subscription per session, and nothing lost when pub/sub loses messages.</summary>
[Collection(BusCollection.Name)]
public sealed class LiveFeedTests(BusFixture bus)
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task OneRedisSubscriptionServesEveryViewerOfASessionAndGoesAfterTheLast()
    {
        var session = NewSession();
        var channel = RedisKeys.LiveChannel(session);
        var viewers = new List<HubViewer>();
        for (var i = 0; i < 3; i++)
        {
            var viewer = await HubViewer.ConnectAsync(bus.Web.Url, bus.Tokens.Viewer(session), CancellationToken.None);
            await viewer.SubscribeAsync(session, null, CancellationToken.None);
            viewers.Add(viewer);
        }
        Assert.Equal(1, await bus.Connection.SubscribersAsync(channel));

        await viewers[0].InvokeAsync("Unsubscribe", [session], CancellationToken.None);
        await viewers[1].DisposeAsync();
        await Task.Delay(200);
        Assert.Equal(1, await bus.Connection.SubscribersAsync(channel));

        await viewers[2].DisposeAsync();
        await Eventually(async () => await bus.Connection.SubscribersAsync(channel) == 0, "the subscription outlived its last viewer");
        await viewers[0].DisposeAsync();
    }

    [Fact]
    public async Task FramesPublishedWhileTheWebsSubscriptionIsDownComeFromTheStream()
    {
        var session = NewSession();
        await using var publisher = await TestPublisher.StartAsync(bus.Connection);
        await using var viewer = await HubViewer.ConnectAsync(bus.Web.Url, bus.Tokens.Viewer(session), CancellationToken.None);
        await viewer.SubscribeAsync(session, null, CancellationToken.None);

        var stopped = new CancellationTokenSource();
        var streaming = Task.Run(async () =>
        {
            for (var i = 0; !stopped.IsCancellationRequested; i++)
            {
                publisher.Publish(session, i);
                await Task.Delay(1);
            }
        });
        await Task.Delay(300);
        await bus.Connection.KillSubscribersAsync();
        await Task.Delay(700);
        await stopped.CancelAsync();
        await streaming;
        await publisher.Publisher.FlushAsync(CancellationToken.None);

        var stored = await publisher.StoredIdsAsync(session);
        var received = (await viewer.ReadUntilAsync(f => f.Id == stored[^1], ReadTimeout)).Ids();
        SequenceAssert.ExactlyAfter(stored, null, received, "viewer");
    }

    [Fact]
    public async Task TheLastFramesBeforeAQuietSpellAreFoundEvenIfTheirMessagesWereLost()
    {
        var session = NewSession();
        await using var publisher = await TestPublisher.StartAsync(bus.Connection);
        await using var viewer = await HubViewer.ConnectAsync(bus.Web.Url, bus.Tokens.Viewer(session), CancellationToken.None);
        await viewer.SubscribeAsync(session, null, CancellationToken.None);
        for (var i = 0; i < 50; i++) publisher.Publish(session, i);
        await publisher.Publisher.FlushAsync(CancellationToken.None);

        // Killed, then frames right away: their messages go nowhere, and nothing comes after them to show the gap.
        await bus.Connection.KillSubscribersAsync();
        for (var i = 50; i < 100; i++) publisher.Publish(session, i);
        await publisher.Publisher.FlushAsync(CancellationToken.None);

        var stored = await publisher.StoredIdsAsync(session);
        var received = (await viewer.ReadUntilAsync(f => f.Id == stored[^1], ReadTimeout)).Ids();
        SequenceAssert.ExactlyAfter(stored, null, received, "viewer");
    }

    [Fact]
    public async Task GarbageOnTheLiveChannelNeitherStopsTheFeedNorReachesViewers()
    {
        var session = NewSession();
        await using var publisher = await TestPublisher.StartAsync(bus.Connection);
        await using var viewer = await HubViewer.ConnectAsync(bus.Web.Url, bus.Tokens.Viewer(session), CancellationToken.None);
        await viewer.SubscribeAsync(session, null, CancellationToken.None);
        publisher.Publish(session, 0);
        await publisher.Publisher.FlushAsync(CancellationToken.None);

        var subscriber = bus.Connection.GetSubscriber();
        var channel = RedisKeys.LiveChannel(session);
        foreach (var garbage in new[] { "", "x", "0-0", "0-0\n", "\n\n\n", "9-9\n1-0 {\"type\"", "0-0\n99999999999999-0 {\"type\":\"stdout\",\"data\":\"forged\"}", new string('{', 2_000_000) })
            await subscriber.PublishAsync(channel, garbage);
        await subscriber.PublishAsync(channel, new byte[] { 0xFF, 0xFE, 0x00, 0x0A, 0x80 });
        for (var i = 1; i < 20; i++) publisher.Publish(session, i);
        await publisher.Publisher.FlushAsync(CancellationToken.None);

        var stored = await publisher.StoredIdsAsync(session);
        var received = (await viewer.ReadUntilAsync(f => f.Id == stored[^1], ReadTimeout)).Ids();
        received.AddRange((await viewer.DrainAsync(TimeSpan.FromMilliseconds(300))).Ids());
        SequenceAssert.ExactlyAfter(stored, null, received, "viewer");
    }

    [Fact]
    public async Task AStoredEntryThatIsNotAFrameReachesViewersAsAnErrorFrameUnderItsId()
    {
        var session = NewSession();
        await using var publisher = await TestPublisher.StartAsync(bus.Connection);
        publisher.Publish(session, 0);
        await publisher.Publisher.FlushAsync(CancellationToken.None);
        var bad = await bus.Connection.AddRawEntryAsync(RedisKeys.Frames(session), "f", "<html>not a frame");
        var other = await bus.Connection.AddRawEntryAsync(RedisKeys.Frames(session), "unexpected", "{\"type\":\"stdout\"}");
        publisher.Publish(session, 1);
        await publisher.Publisher.FlushAsync(CancellationToken.None);

        await using var viewer = await HubViewer.ConnectAsync(bus.Web.Url, bus.Tokens.Viewer(session), CancellationToken.None);
        await viewer.SubscribeAsync(session, null, CancellationToken.None);
        var stored = await publisher.StoredIdsAsync(session);
        var received = await viewer.ReadUntilAsync(f => f.Id == stored[^1], ReadTimeout);

        Assert.Equal(stored, received.Ids());
        Assert.All(received.Where(f => f.Id == bad || f.Id == other), f => Assert.Equal(StoredFrames.MalformedCode, f.Text("code")));
        Assert.Equal(["stdout", "error", "error", "stdout"], received.Select(f => f.Type));
    }

    private static string NewSession() => $"ses_feed_{Guid.NewGuid():N}";

    private static async Task Eventually(Func<Task<bool>> condition, string failure)
    {
        for (var waited = TimeSpan.Zero; waited < TimeSpan.FromSeconds(10); waited += TimeSpan.FromMilliseconds(50))
        {
            if (await condition()) return;
            await Task.Delay(50);
        }
        Assert.Fail(failure);
    }
}
