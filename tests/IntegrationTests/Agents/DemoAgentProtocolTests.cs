using System.Diagnostics;
using Aspire.Sandbox.Contracts.Frames;
using Aspire.Sandbox.Worker.Agents;
using Aspire.Sandbox.Worker.Runs;

namespace Aspire.Sandbox.IntegrationTests.Agents;

/// <summary>The demo agent as a process (no Docker): it speaks only the protocol the jsonl parser reads, deterministically, and stops at once.</summary>
public sealed class DemoAgentProtocolTests : IDisposable
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(30);
    private readonly string _workspace = Directory.CreateTempSubdirectory("demo-agent-").FullName;

    public DemoAgentProtocolTests()
    {
        Directory.CreateDirectory(Path.Combine(_workspace, "src"));
        File.WriteAllText(Path.Combine(_workspace, "src", "app.py"), "print('hi')\n");
    }

    [Theory]
    [InlineData("list the files")]
    [InlineData("read src/app.py")]
    [InlineData("write \"x = 1\" to out/x.py, then run `python3 out/x.py && echo ran`")]
    [InlineData("run `exit 3`")]
    [InlineData("tell me a joke")]
    public async Task EveryLineIsAnEventAndTheSamePromptGivesTheSameAnswer(string prompt)
    {
        var first = await AnswerAsync(prompt);
        var second = await AnswerAsync(prompt);

        Assert.DoesNotContain(first, f => f is StdoutFrame);
        Assert.NotEmpty(first.OfType<ToolStartFrame>());
        Assert.Equal(first.OfType<ToolStartFrame>().Count(), first.OfType<ToolResultFrame>().Count());
        var done = Assert.IsType<DoneFrame>(first[^1]);
        Assert.Equal(string.Concat(first.OfType<TextDeltaFrame>().Select(d => d.Text)), done.Text);
        Assert.Equal(first.Select(Comparable), second.Select(Comparable));
    }

    [Fact]
    public async Task SigtermEndsItAtOnceWithExitCode143()
    {
        using var agent = DemoAgentProcess.Start("list the files", _workspace, tokensPerSecond: 2);
        await agent.StandardOutput.ReadLineAsync(); // it has started answering

        var stopAt = Stopwatch.GetTimestamp();
        Process.Start("kill", ["-TERM", agent.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
        await agent.WaitForExitAsync().WaitAsync(ExitTimeout);

        Assert.Equal(143, agent.ExitCode);
        Assert.True(Stopwatch.GetElapsedTime(stopAt) < TimeSpan.FromSeconds(2), $"took {Stopwatch.GetElapsedTime(stopAt).TotalMilliseconds} ms");
    }

    private async Task<List<Frame>> AnswerAsync(string prompt)
    {
        using var agent = DemoAgentProcess.Start(prompt, _workspace, tokensPerSecond: 5000);
        var parser = AgentOutputParsers.Create(JsonLinesParser.Name, "ses_local", "run_local", SecretMasker.None)!;
        var frames = new List<Frame>();
        var buffer = new char[4096];
        int read;
        while ((read = await agent.StandardOutput.ReadAsync(buffer).AsTask().WaitAsync(ExitTimeout)) > 0)
            frames.AddRange(parser.Feed(new string(buffer, 0, read)));
        frames.AddRange(parser.Complete());
        await agent.WaitForExitAsync().WaitAsync(ExitTimeout);
        Assert.True(agent.ExitCode == 0, await agent.StandardError.ReadToEndAsync());
        return frames;
    }

    private static string Comparable(Frame frame) => FrameJson.Serialize(frame with { Ts = 0 });

    public void Dispose() => Directory.Delete(_workspace, recursive: true);
}
