using System.Diagnostics;
using Xunit.Abstractions;

namespace Aspire.Sandbox.IntegrationTests.Bus;

/// <summary>A viewer that stops reading is cut off, with a reason; the others and the publisher never wait for it; it resumes losing nothing.</summary>
[Collection(BusCollection.Name)]
public sealed class SlowViewerTests(BusFixture bus, ITestOutputHelper output)
{
    private const int Frames = 4_000;
    private const int FrameBytes = 8 * 1024;
    private const long Backlog = 4 * 1024 * 1024;
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task AViewerThatStopsReadingIsCutOffAndResumesFromItsLastIdWhileOthersKeepUp()
    {
        await using var web = await WebProcess.StartAsync(bus.Redis.ServiceConnectionString, bus.Tokens.Key,
            new Dictionary<string, string> { ["Sandbox:Relay:MaxViewerBacklogBytes"] = Backlog.ToString() });
        var session = $"ses_slow_{Guid.NewGuid():N}";
        await using var publisher = await TestPublisher.StartAsync(bus.Connection);
        await using var stalled = await StalledViewer.SubscribeAsync(web.Url, bus.Tokens.Viewer(session), session);
        await using var healthy = await HubViewer.ConnectAsync(web.Url, bus.Tokens.Viewer(session), CancellationToken.None);
        await healthy.SubscribeAsync(session, null, CancellationToken.None);

        var publishing = await PublishAsync(publisher, session);
        // The stalled viewer wakes up and reads what reached it: frames up to the cut, then the reason.
        var waking = stalled.ReadToEndAsync(ReadTimeout);
        var stored = await publisher.StoredIdsAsync(session);

        var healthyGot = (await healthy.ReadUntilAsync(f => f.Id == stored[^1], ReadTimeout)).Ids();
        SequenceAssert.ExactlyAfter(stored, null, healthyGot, "the viewer that kept reading");

        var (stalledGot, closeError) = await waking;
        output.WriteLine($"stalled viewer: {stalledGot.Count} of {stored.Count} frames before the cut; close message: {closeError ?? "(none)"}");
        Assert.True(stalledGot.Count < stored.Count, "the stalled viewer was never cut off");
        Assert.StartsWith("slow-consumer", closeError);

        await using var resumed = await HubViewer.ConnectAsync(web.Url, bus.Tokens.Viewer(session), CancellationToken.None);
        await resumed.SubscribeAsync(session, stalledGot.Count > 0 ? stalledGot[^1] : null, CancellationToken.None);
        stalledGot.AddRange((await resumed.ReadUntilAsync(f => f.Id == stored[^1], ReadTimeout)).Ids());
        SequenceAssert.ExactlyAfter(stored, null, stalledGot, "the stalled viewer, resumed");
        Assert.True(publishing < TimeSpan.FromSeconds(30), $"publishing took {publishing}");
    }

    /// <summary>A few MB/s of 8 KiB frames: what a healthy viewer takes in, even on a busy machine.</summary>
    private static async Task<TimeSpan> PublishAsync(TestPublisher publisher, string session)
    {
        var publishing = Stopwatch.StartNew();
        var data = new string('x', FrameBytes);
        for (var i = 0; i < Frames; i++)
        {
            publisher.Publisher.Publish(new Contracts.Frames.StdoutFrame { Session = session, Run = "run_1", Data = data });
            if (i % 5 == 4) await Task.Delay(1);
        }
        await publisher.Publisher.FlushAsync(CancellationToken.None);
        return publishing.Elapsed;
    }
}
