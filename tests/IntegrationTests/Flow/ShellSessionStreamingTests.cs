using System.Diagnostics;
using Aspire.Sandbox.IntegrationTests.Support;

namespace Aspire.Sandbox.IntegrationTests.Flow;

/// <summary>The walking skeleton's promise, end to end through the real app: Api → Redis → Worker → Docker → Redis → Web hub.</summary>
[Collection(SandboxAppCollection.Name)]
public sealed class ShellSessionStreamingTests(SandboxAppFixture app)
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);
    private const string TwentyLines = "for i in $(seq 1 20); do echo line $i; sleep 0.1; done";

    [Fact]
    public async Task TwentyLineCommandStreamsEachLineAsItIsPrinted()
    {
        var (session, hub) = await StartShellAsync();
        await using var _ = hub;

        var run = await app.Api.RunAsync(session, new { prompt = TwentyLines }, CancellationToken.None);
        var frames = await hub.ReadUntilAsync(f => f.Type == "process-exit" && f.Run == run.RunId, RunTimeout);

        var stdout = frames.Where(f => f.Type == "stdout" && f.Run == run.RunId).ToList();
        Assert.Equal(string.Concat(Enumerable.Range(1, 20).Select(i => $"line {i}\n")), string.Concat(stdout.Select(f => f.Text("data"))));
        var span = Stopwatch.GetElapsedTime(stdout[0].ArrivalTimestamp, stdout[^1].ArrivalTimestamp);
        Assert.True(span >= TimeSpan.FromSeconds(1.5), $"stdout arrived within {span.TotalMilliseconds} ms: buffered, not streamed");
        Assert.True(stdout.Count >= 10, $"only {stdout.Count} stdout frames for 20 timed lines");

        var exits = frames.Where(f => f.Type == "process-exit").ToList();
        Assert.Single(exits);
        Assert.Equal(0, exits[0].Json.GetProperty("exitCode").GetInt32());
        Assert.Equal("exited", exits[0].Text("reason"));
        Assert.Empty(await hub.DrainAsync(TimeSpan.FromMilliseconds(300)).ContinueWith(t => t.Result.Where(f => f.Type == "process-exit")));
        AssertStrictlyIncreasing(frames);
    }

    [Fact]
    public async Task LateSubscriberAndResumingSubscriberGetExactlyTheStoredFrames()
    {
        var (session, hub) = await StartShellAsync();
        List<ReceivedFrame> live;
        await using (hub)
        {
            var run = await app.Api.RunAsync(session, new { prompt = "for i in $(seq 1 15); do echo n$i; done; echo done >&2" }, CancellationToken.None);
            live = await hub.ReadUntilAsync(f => f.Type == "process-exit" && f.Run == run.RunId, RunTimeout);
        }
        // The viewer token is enough to watch.
        await using var late = await HubTestClient.ConnectAsync(app.WebUrl, session.ViewerToken, CancellationToken.None);
        await late.SubscribeAsync(session.Id, null, CancellationToken.None);
        var replayed = await late.ReadUntilAsync(f => f.Id == live[^1].Id, RunTimeout);
        Assert.Equal(live.Select(f => f.Json.GetRawText()), replayed.Select(f => f.Json.GetRawText()));

        await using var resumed = await HubTestClient.ConnectAsync(app.WebUrl, session.ViewerToken, CancellationToken.None);
        await resumed.SubscribeAsync(session.Id, live[9].Id, CancellationToken.None);
        var rest = await resumed.ReadUntilAsync(f => f.Id == live[^1].Id, RunTimeout);
        Assert.Equal(live.Skip(10).Select(f => f.Id), rest.Select(f => f.Id));
        Assert.Empty(await resumed.DrainAsync(TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public async Task StderrAndNonZeroExitCodeAreReported()
    {
        var (session, hub) = await StartShellAsync();
        await using var _ = hub;

        var run = await app.Api.RunAsync(session, new { command = new[] { "sh", "-c", "echo oops >&2; exit 7" } }, CancellationToken.None);
        var frames = await hub.ReadUntilAsync(f => f.Type == "process-exit" && f.Run == run.RunId, RunTimeout);

        Assert.Equal("oops\n", string.Concat(frames.Where(f => f.Type == "stderr").Select(f => f.Text("data"))));
        Assert.DoesNotContain(frames, f => f.Type == "stdout");
        Assert.Equal(7, frames[^1].Json.GetProperty("exitCode").GetInt32());
        Assert.Equal(["sh", "-c", "echo oops >&2; exit 7"],
            frames.Single(f => f.Type == "run-started").Json.GetProperty("command").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task FilesGivenAtCreationAreWrittenToTheWorkspaceOwnedByTheSandboxUser()
    {
        var (session, hub) = await StartShellAsync(expectFiles: true);
        await using var _ = hub;

        var run = await app.Api.RunAsync(session, new { prompt = "cat notes/hello.txt; stat -c ' %U' notes/hello.txt" }, CancellationToken.None);
        var frames = await hub.ReadUntilAsync(f => f.Type == "process-exit" && f.Run == run.RunId, RunTimeout);

        Assert.Equal("hi sandbox\n", string.Concat(frames.Where(f => f.Type == "stdout").Select(f => f.Text("data"))));
    }

    private async Task<(SandboxApiClient.CreatedSession Session, HubTestClient Hub)> StartShellAsync(bool expectFiles = false)
    {
        object body = expectFiles
            ? new { template = "shell", files = new[] { new { path = "notes/hello.txt", content = "hi" } } }
            : new { template = "shell" };
        var session = await app.Api.CreateSessionAsync(body, CancellationToken.None);
        var hub = await HubTestClient.ConnectAsync(app.WebUrl, session.Token, CancellationToken.None);
        await hub.SubscribeAsync(session.Id, null, CancellationToken.None);
        var startUp = await hub.ReadUntilAsync(f => f.Type is "ready" or "error", ReadyTimeout);
        Assert.Equal("ready", startUp[^1].Type);
        var steps = startUp.Where(f => f.Type == "progress").Select(f => f.Text("step")).ToList();
        Assert.Equal(expectFiles ? ["creating_sandbox", "writing_files"] : ["creating_sandbox"], steps);
        return (session, hub);
    }

    private static void AssertStrictlyIncreasing(IReadOnlyList<ReceivedFrame> frames)
    {
        for (var i = 1; i < frames.Count; i++)
            Assert.True(Contracts.Frames.StreamId.Parse(frames[i - 1].Id) < Contracts.Frames.StreamId.Parse(frames[i].Id),
                $"frame {i} id {frames[i].Id} does not follow {frames[i - 1].Id}");
    }
}
