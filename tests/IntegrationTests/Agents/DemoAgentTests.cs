using System.Diagnostics;
using System.Net;
using Aspire.Sandbox.IntegrationTests.Support;

namespace Aspire.Sandbox.IntegrationTests.Agents;

/// <summary>The demo-agent template end to end: the shipped agent in a real sandbox, its frames as a browser receives them.</summary>
[Collection(SandboxAppCollection.Name)]
public sealed class DemoAgentTests(SandboxAppFixture app)
{
    private const string Notes = "hello from the workspace\nsecond line\n";
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    // Fast enough for a test, slow enough that the answer visibly streams (~80 words).
    private static readonly Dictionary<string, string> Pace = new() { ["DEMO_AGENT_TOKENS_PER_SECOND"] = "100" };

    [Fact]
    public async Task AnswerStreamsOverTimeReadsTheRealFileAndEndsWithTheWholeText()
    {
        await using var scenario = await StartAsync();

        var run = await scenario.RunToExitAsync(new { prompt = "Please read notes/hello.txt", env = Pace });

        var deltas = run.OfType("text-delta").ToList();
        Assert.True(deltas.Count >= 20, $"only {deltas.Count} text deltas");
        var span = ReceivedFrame.MadeBetween(deltas[0], deltas[^1]);
        Assert.True(span >= TimeSpan.FromMilliseconds(300), $"the worker read all text within {span.TotalMilliseconds} ms: buffered, not streamed");

        var start = run.OfType("tool-start").Single();
        Assert.Equal("read_file", start.Text("name"));
        Assert.Equal("notes/hello.txt", start.Json.GetProperty("input").GetProperty("path").GetString());
        var result = run.OfType("tool-result").Single();
        Assert.Equal(start.Text("toolId"), result.Text("toolId"));
        Assert.Equal(Notes, result.Text("output"));
        Assert.False(result.Json.GetProperty("isError").GetBoolean());

        var done = run.OfType("done").Single();
        Assert.Equal(string.Concat(deltas.Select(d => d.Text("text"))), done.Text("text"));
        Assert.Contains("demo", done.Text("text"), StringComparison.OrdinalIgnoreCase);
        Assert.Single(run.OfType("agent-session"));
        Assert.Empty(run.OfType("stdout"));
        Assert.Equal(0, run.ExitCode);
        AssertOrder(run, "agent-session", "tool-start", "tool-result", "done", "process-exit");
    }

    [Fact]
    public async Task WrittenFileIsInTheWorkspaceForTheNextRun()
    {
        await using var scenario = await StartAsync();

        var answer = await scenario.RunToExitAsync(new { prompt = "write \"made by the agent\" to out/agent.txt", env = Pace });
        var check = await scenario.RunToExitAsync(new { command = new[] { "cat", "out/agent.txt" } });

        Assert.Equal("write_file", answer.OfType("tool-start").Single().Text("name"));
        Assert.False(answer.OfType("tool-result").Single().Json.GetProperty("isError").GetBoolean());
        // A plain command in an agent session is plain output: no protocol, so no done either.
        Assert.Equal("made by the agent", check.Stdout);
        Assert.Empty(check.OfType("done"));
    }

    [Fact]
    public async Task StopDuringTheAnswerEndsItAtOnceWithTheTextSoFar()
    {
        await using var scenario = await StartAsync();
        var run = await scenario.StartRunAsync(new { prompt = "list the files", env = new Dictionary<string, string> { ["DEMO_AGENT_TOKENS_PER_SECOND"] = "5" } });
        var before = await scenario.Hub.ReadUntilAsync(f => f.Type == "text-delta" && f.Run == run.RunId, SessionScenario.RunTimeout);

        var stopAt = Stopwatch.GetTimestamp();
        using var stop = await app.Api.SendAsync(HttpMethod.Post, $"/api/sessions/{scenario.Session.Id}/runs/{run.RunId}/stop", scenario.Session.Token, null, CancellationToken.None);
        Assert.Equal(HttpStatusCode.Accepted, stop.StatusCode);
        var after = await scenario.ReadRunAsync(run.RunId, StopTimeout);
        var frames = after with { All = [.. before, .. after.All] };

        Assert.True(Stopwatch.GetElapsedTime(stopAt) < StopTimeout);
        Assert.Equal("stopped", frames.Reason);
        Assert.Equal("SIGTERM", frames.Exit.Text("signal"));
        // The answer was cut short, yet it still ends with a done holding what was said.
        var done = frames.OfType("done").Single();
        Assert.Equal(string.Concat(frames.OfType("text-delta").Select(d => d.Text("text"))), done.Text("text"));
        Assert.StartsWith("Hi!", done.Text("text"), StringComparison.Ordinal);
    }

    private Task<SessionScenario> StartAsync() =>
        SessionScenario.StartAsync(app, new { template = "demo-agent", files = new[] { new { path = "notes/hello.txt", content = Notes } } });

    private static void AssertOrder(RunFrames run, params string[] types)
    {
        var positions = types.Select(t => run.All.ToList().FindIndex(f => f.Type == t && f.Run == run.RunId)).ToList();
        Assert.True(positions.All(p => p >= 0) && positions.SequenceEqual(positions.Order()),
            $"expected {string.Join(" < ", types)}, got positions {string.Join(", ", positions)}");
    }
}
