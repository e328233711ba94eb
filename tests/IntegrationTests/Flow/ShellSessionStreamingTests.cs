using Aspire.Sandbox.Contracts.Frames;
using Aspire.Sandbox.IntegrationTests.Support;

namespace Aspire.Sandbox.IntegrationTests.Flow;

/// <summary>The walking skeleton's promise, end to end through the real app: Api → Redis → Worker → Docker → Redis → Web hub.</summary>
[Collection(SandboxAppCollection.Name)]
public sealed class ShellSessionStreamingTests(SandboxAppFixture app)
{
    private const string TwentyLines = "for i in $(seq 1 20); do echo line $i; sleep 0.1; done";

    [Fact]
    public async Task TwentyLineCommandStreamsEachLineAsItIsPrinted()
    {
        await using var scenario = await SessionScenario.StartShellAsync(app);

        var run = await scenario.RunToExitAsync(new { prompt = TwentyLines });

        Assert.Equal(string.Concat(Enumerable.Range(1, 20).Select(i => $"line {i}\n")), run.Stdout);
        var stdout = run.OfType("stdout").ToList();
        var span = ReceivedFrame.MadeBetween(stdout[0], stdout[^1]);
        Assert.True(span >= TimeSpan.FromSeconds(1.5), $"the worker read all stdout within {span.TotalMilliseconds} ms: buffered, not streamed");
        Assert.True(stdout.Count >= 10, $"only {stdout.Count} stdout frames for 20 timed lines");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("exited", run.Reason);
        Assert.DoesNotContain(await scenario.Hub.DrainAsync(TimeSpan.FromMilliseconds(300)), f => f.Type == "process-exit");
        AssertStrictlyIncreasing(run.All);
    }

    [Fact]
    public async Task LateSubscriberAndResumingSubscriberGetExactlyTheStoredFrames()
    {
        var scenario = await SessionScenario.StartShellAsync(app);
        var live = new List<ReceivedFrame>(scenario.StartUp);
        await using (scenario)
            live.AddRange((await scenario.RunToExitAsync(new { prompt = "for i in $(seq 1 15); do echo n$i; sleep 0.02; done; echo done >&2" })).All);

        // The viewer token is enough to watch.
        await using var late = await HubViewer.ConnectAsync(app.WebUrl, scenario.Session.ViewerToken, CancellationToken.None);
        await late.SubscribeAsync(scenario.Session.Id, null, CancellationToken.None);
        var replayed = await late.ReadUntilAsync(f => f.Id == live[^1].Id, SessionScenario.RunTimeout);
        Assert.Equal(live.Select(f => f.Json.GetRawText()), replayed.Select(f => f.Json.GetRawText()));

        await using var resumed = await HubViewer.ConnectAsync(app.WebUrl, scenario.Session.ViewerToken, CancellationToken.None);
        await resumed.SubscribeAsync(scenario.Session.Id, live[9].Id, CancellationToken.None);
        var rest = await resumed.ReadUntilAsync(f => f.Id == live[^1].Id, SessionScenario.RunTimeout);
        Assert.Equal(live.Skip(10).Select(f => f.Id), rest.Select(f => f.Id));
        Assert.DoesNotContain(await resumed.DrainAsync(TimeSpan.FromMilliseconds(300)), f => f.Type is "stdout" or "stderr" or "process-exit");
    }

    [Fact]
    public async Task StderrAndNonZeroExitCodeAreReported()
    {
        await using var scenario = await SessionScenario.StartShellAsync(app);

        var run = await scenario.RunToExitAsync(new { command = new[] { "sh", "-c", "echo oops >&2; exit 7" } });

        Assert.Equal("oops\n", run.Stderr);
        Assert.Empty(run.Stdout);
        Assert.Equal(7, run.ExitCode);
        Assert.Equal(["sh", "-c", "echo oops >&2; exit 7"],
            run.OfType("run-started").Single().Json.GetProperty("command").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task FilesGivenAtCreationAreWrittenToTheWorkspaceOwnedByTheSandboxUser()
    {
        await using var scenario = await SessionScenario.StartAsync(app,
            new { template = "shell", files = new[] { new { path = "notes/hello.txt", content = "hi" } } });

        Assert.Equal(["creating_sandbox", "writing_files"], scenario.StartUp.Where(f => f.Type == "progress").Select(f => f.Text("step")));
        var run = await scenario.RunToExitAsync(new { prompt = "cat notes/hello.txt; stat -c ' %U' notes/hello.txt" });
        Assert.Equal("hi sandbox\n", run.Stdout);
    }

    private static void AssertStrictlyIncreasing(IReadOnlyList<ReceivedFrame> frames)
    {
        for (var i = 1; i < frames.Count; i++)
            Assert.True(StreamId.Parse(frames[i - 1].Id) < StreamId.Parse(frames[i].Id), $"frame {i} id {frames[i].Id} does not follow {frames[i - 1].Id}");
    }
}
