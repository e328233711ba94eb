using Aspire.Sandbox.IntegrationTests.Support;

namespace Aspire.Sandbox.IntegrationTests.Agents;

/// <summary>
/// Claude Code end to end with no internet: the CLI inside the sandbox is replaced by
/// <see cref="FakeClaude"/>, which replays a recorded stream-json session at its recorded pace.
/// The session's template is <see cref="ClaudeReplayTemplate"/>: the <c>claude</c> template's own
/// command line and parser, from configuration, without egress. The prompt runs that command line
/// unchanged and <c>claude</c> is found on PATH — the run's environment puts the workspace's
/// <c>bin</c> first. (Session files are written 0644, so one command run makes the fake executable.)
/// </summary>
[Collection(SandboxAppCollection.Name)]
public sealed class ClaudeReplayTests(SandboxAppFixture app)
{
    private const string ApiKey = "sk-ant-api03-e2e-NOT-A-REAL-KEY-0123456789";

    [Fact]
    public async Task RecordedSessionReachesTheViewerAsTypedFramesAtItsPace()
    {
        await using var scenario = await StartWithFakeClaudeAsync();

        var run = await scenario.RunToExitAsync(Prompt("What files are here?"));

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}; stderr: {run.Stderr}; stdout: {run.Stdout}");
        Assert.Equal(FakeClaude.AgentSessionId, run.OfType("agent-session").Single().Text("agentSessionId"));
        var deltas = run.OfType("text-delta").ToList();
        Assert.Equal(FakeClaude.StreamedText, string.Concat(deltas.Select(d => d.Text("text"))));
        var span = ReceivedFrame.MadeBetween(deltas[0], deltas[^1]);
        Assert.True(span >= TimeSpan.FromMilliseconds(700), $"the worker read the text within {span.TotalMilliseconds} ms, the recording spans over a second");

        var start = run.OfType("tool-start").Single();
        Assert.Equal(("toolu_01E2E", "Bash", "ls"), (start.Text("toolId"), start.Text("name"), start.Json.GetProperty("input").GetProperty("command").GetString()));
        var result = run.OfType("tool-result").Single();
        Assert.Equal(("toolu_01E2E", "notes.txt", false), (result.Text("toolId"), result.Text("output"), result.Json.GetProperty("isError").GetBoolean()));

        var done = run.OfType("done").Single();
        Assert.Equal(FakeClaude.FinalText, done.Text("text"));
        Assert.Equal(0.0123, done.Json.GetProperty("usage").GetProperty("total_cost_usd").GetDouble());
        Assert.Equal(2, done.Json.GetProperty("usage").GetProperty("num_turns").GetInt32());

        Assert.Empty(run.OfType("stdout"));
        Assert.Empty(run.OfType("stderr"));
        Assert.DoesNotContain(run.All, f => f.Json.GetRawText().Contains("NOT-A-REAL-KEY", StringComparison.Ordinal));
        var order = run.All.Where(f => f.Run == run.RunId).Select(f => f.Type).ToList();
        Assert.True(order.IndexOf("tool-start") < order.IndexOf("tool-result") && order.IndexOf("tool-result") < order.IndexOf("done")
            && order.IndexOf("done") < order.IndexOf("process-exit"), string.Join(", ", order));
    }

    [Fact]
    public async Task ALaterPromptContinuesTheAgentsConversation()
    {
        await using var scenario = await StartWithFakeClaudeAsync();
        var first = await scenario.RunToExitAsync(Prompt("What files are here?"));
        Assert.Equal(0, first.ExitCode);

        var second = await scenario.RunToExitAsync(Prompt("And what is in them?"));

        Assert.True(second.ExitCode == 0, $"exit {second.ExitCode}; stderr: {second.Stderr}");
        Assert.Equal($"fake claude: resuming {FakeClaude.AgentSessionId}\n", second.Stderr);
        Assert.Equal(["--resume", FakeClaude.AgentSessionId], second.OfType("run-started").Single().Json.GetProperty("command").EnumerateArray().Select(a => a.GetString()).TakeLast(2));
        Assert.Empty(first.OfType("stderr"));
    }

    private async Task<SessionScenario> StartWithFakeClaudeAsync()
    {
        var templates = await app.Http.GetStringAsync("/api/templates");
        Assert.True(templates.Contains($"\"{ClaudeReplayTemplate.Name}\"", StringComparison.Ordinal),
            $"The test app lacks template {ClaudeReplayTemplate.Name}: start the AppHost with ClaudeReplayTemplate.Args and forward Sandbox:Templates to api and worker.");
        var scenario = await SessionScenario.StartAsync(app, new
        {
            template = ClaudeReplayTemplate.Name,
            files = new[]
            {
                new { path = FakeClaude.ScriptPath, content = FakeClaude.Script },
                new { path = FakeClaude.RecordingPath, content = FakeClaude.Recording },
            },
        });
        try
        {
            var chmod = await scenario.RunToExitAsync(new { command = new[] { "chmod", "+x", FakeClaude.ScriptPath } });
            Assert.Equal(0, chmod.ExitCode);
            Assert.Empty(chmod.OfType("done"));
            return scenario;
        }
        catch
        {
            await scenario.DisposeAsync();
            throw;
        }
    }

    private static object Prompt(string prompt) => new
    {
        prompt,
        env = new Dictionary<string, string> { ["PATH"] = "/workspace/bin:/usr/local/bin:/usr/bin:/bin" },
        secrets = new Dictionary<string, string> { ["ANTHROPIC_API_KEY"] = ApiKey },
    };
}
