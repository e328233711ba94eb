using System.Diagnostics;
using System.Globalization;
using Aspire.Sandbox.Contracts.Redis;
using Aspire.Sandbox.Contracts.Sessions;

namespace Aspire.Sandbox.IntegrationTests.Bus;

/// <summary>A watched session counts as active, so the janitor leaves its sandbox awake; once nobody watches it, it no longer does.</summary>
[Collection(BusCollection.Name)]
public sealed class ViewerActivityTests(BusFixture bus)
{
    private static readonly TimeSpan TouchInterval = TimeSpan.FromMilliseconds(200);

    // Generous for a loaded machine, yet too short for three touches at the 20 s default: passing shows the setting is read.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task AWatchedSessionKeepsMovingItsLastActivityAndStopsOnceItsViewerLeaves()
    {
        await using var web = await WebProcess.StartAsync(bus.Redis.ServiceConnectionString, bus.Tokens.Key,
            new Dictionary<string, string> { ["Sandbox:ViewerActivity:TouchInterval"] = TouchInterval.ToString("c", CultureInfo.InvariantCulture) });
        var sessions = new SessionStore(bus.Connection, TimeProvider.System);
        var left = await sessions.CreateAsync($"ses_seen_{Guid.NewGuid():N}", "shell", null, "own_activity");
        var stays = await sessions.CreateAsync($"ses_seen_{Guid.NewGuid():N}", "shell", null, "own_activity");

        await using var staying = await HubViewer.ConnectAsync(web.Url, bus.Tokens.Viewer(stays.Id), CancellationToken.None);
        await staying.SubscribeAsync(stays.Id, null, CancellationToken.None);
        await using (var leaving = await HubViewer.ConnectAsync(web.Url, bus.Tokens.Viewer(left.Id), CancellationToken.None))
        {
            await leaving.SubscribeAsync(left.Id, null, CancellationToken.None);

            // Three refreshes, not one: the time keeps moving for as long as someone watches.
            await AdvancesAsync(left.Id, times: 3, "the watched session's lastActivityAt");
            await AdvancesAsync(stays.Id, times: 3, "the other watched session's lastActivityAt");
        }

        await EventuallyAsync(async () => await bus.Connection.SubscribersAsync(RedisKeys.LiveChannel(left.Id)) == 0,
            "the Web still watches the session its only viewer left");

        // The still-watched session shows the toucher is running; a refresh of the left one already under way may
        // land once, so look for a window of several refreshes of the other in which the left one stood still.
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var before = await LastActivityAsync(left.Id);
            await AdvancesAsync(stays.Id, times: 3, "the still-watched session's lastActivityAt, after the other viewer left");
            var after = await LastActivityAsync(left.Id);
            if (after == before) break;
            Assert.True(waited.Elapsed < Patience, $"lastActivityAt of a session nobody watches still moves ({before} → {after})");
        }
    }

    [Fact]
    public async Task AZeroTouchIntervalStopsTheWebAtStartup()
    {
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => WebProcess.StartAsync(bus.Redis.ServiceConnectionString,
            bus.Tokens.Key, new Dictionary<string, string> { ["Sandbox:ViewerActivity:TouchInterval"] = "00:00:00" }));
        Assert.Contains("Sandbox:ViewerActivity:TouchInterval must be > 0", refused.Message);
    }

    /// <summary>Waits until the session's last-activity time has moved forward <paramref name="times"/> times.</summary>
    private async Task AdvancesAsync(string sessionId, int times, string what)
    {
        var last = await LastActivityAsync(sessionId);
        var seen = 0;
        var waited = Stopwatch.StartNew();
        while (seen < times)
        {
            Assert.True(waited.Elapsed < Patience, $"{what} moved {seen} of {times} times in {Patience}");
            await Task.Delay(TouchInterval / 4);
            var now = await LastActivityAsync(sessionId);
            Assert.True(now >= last, $"{what} went back ({last} → {now})");
            if (now > last) seen++;
            last = now;
        }
    }

    private async Task<long> LastActivityAsync(string sessionId) =>
        (long)await bus.Connection.GetDatabase().HashGetAsync(RedisKeys.Session(sessionId), "lastActivityAt");

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string failure)
    {
        for (var waited = Stopwatch.StartNew(); waited.Elapsed < Patience; await Task.Delay(50))
            if (await condition()) return;
        Assert.Fail(failure);
    }
}
