using Aspire.Sandbox.Contracts.Frames;
using Aspire.Sandbox.Contracts.Redis;
using Microsoft.Extensions.Options;

namespace Aspire.Sandbox.IntegrationTests.Bus;

/// <summary>A session's stream: capped by count and by bytes, and kept for a while once the session has ended.</summary>
[Collection(BusCollection.Name)]
public sealed class RetentionTests(BusFixture bus)
{
    [Fact]
    public async Task TheStreamKeepsTheNewestFramesUpToItsLength()
    {
        var session = NewSession();
        var log = new FrameLog(bus.Connection, Options.Create(new FrameLogOptions { MaxLength = 100 }));
        for (var batch = 0; batch < 25; batch++)
            await log.AppendAsync(session, Enumerable.Range(batch * 10, 10).Select(i => Frame(session, i.ToString())).ToList());

        var kept = await ReadAllAsync(log, session);
        Assert.InRange(kept.Count, 95, 100);
        Assert.Equal("249", Data(kept[^1]));
        Assert.Equal(Enumerable.Range(250 - kept.Count, kept.Count).Select(i => i.ToString()), kept.Select(Data));
    }

    [Fact]
    public async Task TheStreamKeepsTheNewestFramesUpToItsBytes()
    {
        var session = NewSession();
        var log = new FrameLog(bus.Connection, Options.Create(new FrameLogOptions { MaxBytes = 20_000 }));
        for (var i = 0; i < 100; i++) await log.AppendAsync(Frame(session, new string('x', 480) + i));

        var kept = await ReadAllAsync(log, session);
        var storedBytes = (await bus.Connection.RawEntriesAsync(RedisKeys.Frames(session))).Sum(e => e.Length - 2);
        Assert.InRange(storedBytes, 18_000, 20_000);
        Assert.EndsWith("99", Data(kept[^1]));
        Assert.Equal(storedBytes, (long)await bus.Connection.GetDatabase().HashGetAsync(RedisKeys.FramesMeta(session), "bytes"));
    }

    [Fact]
    public async Task TheSessionEndedFrameStartsTheRetentionCountdown()
    {
        var session = NewSession();
        await using var publisher = await TestPublisher.StartAsync(bus.Connection);
        publisher.Publish(session, 1);
        await publisher.Publisher.FlushAsync(CancellationToken.None);
        Assert.Null(await publisher.Log.TimeToLiveAsync(session));

        publisher.Publisher.Publish(new SessionEndedFrame { Session = session, Reason = "deleted" });
        await publisher.Publisher.FlushAsync(CancellationToken.None);

        var ttl = await publisher.Log.TimeToLiveAsync(session);
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1), TimeSpan.FromDays(7));
        Assert.NotNull(await bus.Connection.GetDatabase().KeyTimeToLiveAsync(RedisKeys.FramesMeta(session)));
        Assert.Equal(2, (await publisher.StoredIdsAsync(session)).Count);
    }

    [Fact]
    public async Task AppendingSurvivesRedisForgettingItsScripts()
    {
        var session = NewSession();
        var log = new FrameLog(bus.Connection);
        await log.AppendAsync(Frame(session, "before"));
        await log.ReadLastIdAsync(session);

        await bus.Connection.FlushScriptsAsync();

        await log.AppendAsync(Frame(session, "after"));
        Assert.Equal(["before", "after"], (await ReadAllAsync(log, session)).Select(Data));
    }

    [Fact]
    public async Task ARetriedBatchIsAppendedOnce()
    {
        var session = NewSession();
        var log = new FrameLog(bus.Connection);
        var batch = new AppendBatchId("producer-1", 7);
        string[] frames = [FrameJson.Serialize(Frame(session, "once"))];

        Assert.Single(await log.AppendAsync(session, frames, false, batch));
        Assert.Empty(await log.AppendAsync(session, frames, false, batch));
        Assert.Empty(await log.AppendAsync(session, frames, false, batch with { Sequence = 6 }));
        Assert.Single(await log.AppendAsync(session, frames, false, batch with { Sequence = 8 }));
        Assert.Equal(2, (await ReadAllAsync(log, session)).Count);
    }

    private static string NewSession() => $"ses_keep_{Guid.NewGuid():N}";

    private static StdoutFrame Frame(string session, string data) => new() { Session = session, Data = data };

    private static string Data(RawFrame frame) => System.Text.Json.JsonDocument.Parse(frame.Json).RootElement.GetProperty("data").GetString()!;

    private static async Task<List<RawFrame>> ReadAllAsync(FrameLog log, string session)
    {
        var all = new List<RawFrame>();
        while (true)
        {
            var page = await log.ReadAfterAsync(session, all.Count > 0 ? all[^1].Id : StreamId.Zero, FrameLog.MaxPageSize);
            all.AddRange(page);
            if (page.Count < FrameLog.MaxPageSize) return all;
        }
    }
}
