using System.Net;
using Aspire.Sandbox.Contracts.Control;
using Aspire.Sandbox.Contracts.Redis;
using Aspire.Sandbox.IntegrationTests.Support;
using StackExchange.Redis;

namespace Aspire.Sandbox.IntegrationTests.Runtime;

/// <summary>Stop, timeouts, input and queued runs: the control of a process while it runs.</summary>
[Collection(SandboxAppCollection.Name)]
public sealed class RunControlTests(SandboxAppFixture app)
{
    [Fact]
    public async Task StopEndsTheWholeProcessTreeIncludingEscapedChildren()
    {
        await using var scenario = await SessionScenario.StartShellAsync(app);
        var run = await scenario.StartRunAsync(new { prompt = "sleep 301 & setsid sleep 302 & nohup sleep 303 >/dev/null 2>&1 & echo started; sleep 300" });
        await scenario.Hub.ReadUntilAsync(f => f.Type == "stdout" && f.Text("data").Contains("started"), SessionScenario.RunTimeout);

        using var stop = await app.Api.SendAsync(HttpMethod.Post, $"/api/sessions/{scenario.Session.Id}/runs/{run.RunId}/stop", scenario.Session.Token, null, CancellationToken.None);
        Assert.Equal(HttpStatusCode.Accepted, stop.StatusCode);
        var frames = await scenario.ReadRunAsync(run.RunId, TimeSpan.FromSeconds(30));

        Assert.Equal("stopped", frames.Reason);
        Assert.Null(frames.ExitCode);
        Assert.Equal("SIGTERM", frames.Exit.Text("signal"));
        var ps = await scenario.RunToExitAsync(new { prompt = "ps -eo args | grep -c '^sleep 30' || true" });
        Assert.Equal("0\n", ps.Stdout);
    }

    [Fact]
    public async Task ProcessIgnoringSigtermIsKilledAfterTheGracePeriod()
    {
        await using var scenario = await SessionScenario.StartShellAsync(app);
        var run = await scenario.StartRunAsync(new { prompt = "trap '' TERM; echo ready; while :; do sleep 0.1; done" });
        await scenario.Hub.ReadUntilAsync(f => f.Type == "stdout" && f.Text("data").Contains("ready"), SessionScenario.RunTimeout);

        using var _ = await app.Api.SendAsync(HttpMethod.Post, $"/api/sessions/{scenario.Session.Id}/runs/{run.RunId}/stop", scenario.Session.Token, null, CancellationToken.None);
        var frames = await scenario.ReadRunAsync(run.RunId, TimeSpan.FromSeconds(30));

        Assert.Equal("stopped", frames.Reason);
        Assert.Equal("SIGKILL", frames.Exit.Text("signal"));
    }

    [Fact]
    public async Task RunPastItsTimeoutEndsWithReasonTimeout()
    {
        await using var scenario = await SessionScenario.StartShellAsync(app);

        var run = await scenario.RunToExitAsync(new { prompt = "sleep 60", timeoutSeconds = 1 }, TimeSpan.FromSeconds(30));

        Assert.Equal("timeout", run.Reason);
        Assert.Null(run.ExitCode);
    }

    [Fact]
    public async Task InputReachesTheStdinOfTheCurrentRun()
    {
        await using var scenario = await SessionScenario.StartShellAsync(app);
        var run = await scenario.StartRunAsync(new { prompt = "echo waiting; read line; echo got:$line" });
        await scenario.Hub.ReadUntilAsync(f => f.Type == "stdout" && f.Text("data").Contains("waiting"), SessionScenario.RunTimeout);

        using var input = await app.Api.SendAsync(HttpMethod.Post, $"/api/sessions/{scenario.Session.Id}/input", scenario.Session.Token, new { data = "hello\n" }, CancellationToken.None);
        Assert.Equal(HttpStatusCode.Accepted, input.StatusCode);
        var frames = await scenario.ReadRunAsync(run.RunId);

        Assert.Contains("got:hello\n", frames.Stdout);
        Assert.Equal(0, frames.ExitCode);
    }

    [Fact]
    public async Task KeystrokesPublishedBackToBackReachStdinInTheirOrder()
    {
        await using var scenario = await SessionScenario.StartShellAsync(app);
        var typed = string.Concat(Enumerable.Range(0, 400).Select(i => (char)('a' + i % 26)));
        var run = await scenario.StartRunAsync(new { prompt = $"echo waiting; head -c {typed.Length}; echo" });
        await scenario.Hub.ReadUntilAsync(f => f.Type == "stdout" && f.Text("data").Contains("waiting"), SessionScenario.RunTimeout);

        // One control message per key, all in flight at once on one connection, as a fast typist's keys
        // leave the hub: Redis delivers them in this order, and the worker must write them in it too.
        using var redis = await ConnectionMultiplexer.ConnectAsync(app.RedisConnectionString);
        var channel = RedisKeys.Control(scenario.Session.Id);
        await Task.WhenAll(typed.Select(key =>
            redis.GetSubscriber().PublishAsync(channel, new ControlMessage(ControlKinds.Input, run.RunId, key.ToString()).ToJson())));
        var frames = await scenario.ReadRunAsync(run.RunId);

        Assert.Equal(typed + "\n", frames.Stdout); // "waiting" was read above
        Assert.Equal(0, frames.ExitCode);
    }

    [Fact]
    public async Task InputToASessionWithNoRunningProcessIsAClearConflict()
    {
        await using var scenario = await SessionScenario.StartShellAsync(app);

        using var input = await app.Api.SendAsync(HttpMethod.Post, $"/api/sessions/{scenario.Session.Id}/input", scenario.Session.Token, new { data = "x" }, CancellationToken.None);

        Assert.Equal(HttpStatusCode.Conflict, input.StatusCode);
        Assert.Equal("application/problem+json", input.Content.Headers.ContentType?.MediaType);
        Assert.Contains("No process is running", await input.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task RunsOfOneSessionExecuteInOrderAndWaitingOnesAreAnnounced()
    {
        await using var scenario = await SessionScenario.StartShellAsync(app);

        var first = await scenario.StartRunAsync(new { prompt = "sleep 1; echo first" });
        var second = await scenario.StartRunAsync(new { prompt = "echo second" });
        var third = await scenario.StartRunAsync(new { prompt = "echo third" });
        var frames = await scenario.Hub.ReadUntilAsync(f => f.Type == "process-exit" && f.Run == third.RunId, SessionScenario.RunTimeout);

        var order = frames.Where(f => f.Type == "stdout").Select(f => f.Text("data")).ToList();
        Assert.Equal(["first\n", "second\n", "third\n"], order);
        var queued = frames.Where(f => f.Type == "run-queued").ToDictionary(f => f.Run!, f => f.Json.GetProperty("position").GetInt32());
        Assert.Equal(1, queued[second.RunId]);
        Assert.Equal(2, queued[third.RunId]);
        Assert.False(queued.ContainsKey(first.RunId));
    }

    [Fact]
    public async Task StoppingAQueuedRunMeansItNeverStarts()
    {
        await using var scenario = await SessionScenario.StartShellAsync(app);
        var blocker = await scenario.StartRunAsync(new { prompt = "sleep 1" });
        var queued = await scenario.StartRunAsync(new { prompt = "echo should-not-run" });

        using var _ = await app.Api.SendAsync(HttpMethod.Post, $"/api/sessions/{scenario.Session.Id}/runs/{queued.RunId}/stop", scenario.Session.Token, null, CancellationToken.None);
        var frames = await scenario.ReadRunAsync(queued.RunId);

        Assert.Equal("stopped", frames.Reason);
        Assert.Empty(frames.OfType("run-started"));
        Assert.DoesNotContain(frames.All, f => f.Type == "stdout" && f.Text("data").Contains("should-not-run"));
        Assert.Contains(frames.All, f => f.Type == "process-exit" && f.Run == blocker.RunId);
    }
}
