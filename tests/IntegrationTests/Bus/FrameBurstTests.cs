using Aspire.Sandbox.IntegrationTests.Support;

namespace Aspire.Sandbox.IntegrationTests.Bus;

/// <summary>Subscribe's promise under load: stored frames then live ones, each once, in order, whenever the subscribe lands.</summary>
[Collection(BusCollection.Name)]
public sealed class FrameBurstTests(BusFixture bus)
{
    private const int EarlyFrames = 500;
    private const int BurstFrames = 20_000;
    private const int FramesPerTick = 20;
    private const int Viewers = 18;
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task SubscribersJoiningAtRandomMomentsOfABurstGetEveryFrameOnceInOrder()
    {
        var session = $"ses_burst_{Guid.NewGuid():N}";
        var seed = Environment.TickCount;
        var random = new Random(seed);
        await using var publisher = await TestPublisher.StartAsync(bus.Connection);
        for (var i = 0; i < EarlyFrames; i++) publisher.Publish(session, i);
        await publisher.Publisher.FlushAsync(CancellationToken.None);
        var early = await publisher.StoredIdsAsync(session);

        var published = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        // A third from the start, a third from an id seen before the burst, a third from the newest id at the moment they subscribe.
        Func<Task<string?>>[] starts =
        [
            () => Task.FromResult<string?>(null),
            () => Task.FromResult<string?>(early[random.Next(early.Count)]),
            async () => (await publisher.Log.ReadLastIdAsync(session)).ToString(),
        ];
        var viewers = Enumerable.Range(0, Viewers)
            .Select(v => WatchAsync(session, TimeSpan.FromMilliseconds(random.Next(0, 1200)), starts[v % 3], published.Task)).ToList();

        for (var i = 0; i < BurstFrames; i++)
        {
            publisher.Publish(session, EarlyFrames + i);
            if (i % FramesPerTick == FramesPerTick - 1) await Task.Delay(1);
        }
        await publisher.Publisher.FlushAsync(CancellationToken.None);
        var stored = await publisher.StoredIdsAsync(session);
        Assert.Equal(EarlyFrames + BurstFrames, stored.Count);
        published.SetResult(stored[^1]);

        var results = await Task.WhenAll(viewers);
        for (var v = 0; v < results.Length; v++)
            SequenceAssert.ExactlyAfter(stored, results[v].After, results[v].Received, $"viewer {v} (seed {seed})");
    }

    private async Task<(string? After, List<string> Received)> WatchAsync(string session, TimeSpan delay, Func<Task<string?>> after, Task<string> lastId)
    {
        await Task.Delay(delay);
        var from = await after();
        await using var client = await HubViewer.ConnectAsync(bus.Web.Url, bus.Tokens.Viewer(session), CancellationToken.None);
        await client.SubscribeAsync(session, from, CancellationToken.None);
        var last = await lastId;
        var received = (await client.ReadUntilAsync(f => f.Id == last, ReadTimeout)).Ids();
        received.AddRange((await client.DrainAsync(TimeSpan.FromMilliseconds(300))).Ids());
        return (from, received);
    }
}
