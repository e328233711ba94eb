using System.Text;
using System.Text.Json.Nodes;
using Aspire.Sandbox.Contracts.Frames;
using Aspire.Sandbox.Worker.Agents;
using Aspire.Sandbox.Worker.Runs;

namespace Aspire.Sandbox.UnitTests.Agents;

/// <summary>
/// Every recorded transcript, cut every way, gives exactly its recorded frames — and never a control
/// frame, a foreign session or run, an unmasked secret or an output piece over 64 KiB.
/// </summary>
public sealed class ParserFixtureTests
{
    private static readonly (string Parser, string Fixture)[] Table =
    [
        (ClaudeStreamJsonParser.Name, "claude/text-only-partial"),
        (ClaudeStreamJsonParser.Name, "claude/text-only-full"),
        (ClaudeStreamJsonParser.Name, "claude/tool-use-partial"),
        (ClaudeStreamJsonParser.Name, "claude/tool-use-full"),
        (ClaudeStreamJsonParser.Name, "claude/tool-error"),
        (ClaudeStreamJsonParser.Name, "claude/error-result"),
        (ClaudeStreamJsonParser.Name, "claude/auth-error"),
        (ClaudeStreamJsonParser.Name, "claude/malformed-and-unknown"),
        (ClaudeStreamJsonParser.Name, "claude/result-never-arrives"),
        (ClaudeStreamJsonParser.Name, "claude/subagent"),
        (ClaudeStreamJsonParser.Name, "claude/secrets"),
        (ClaudeStreamJsonParser.Name, "claude/secrets-masked-upstream"),
        // Recorded from Claude Code 2.1.330 in the sandbox image with no network: retries, then killed.
        (ClaudeStreamJsonParser.Name, "claude/recorded-offline-retries"),
        (CodexJsonParser.Name, "codex/command"),
        (CodexJsonParser.Name, "codex/tools-and-errors"),
        (CodexJsonParser.Name, "codex/turn-failed"),
        (CodexJsonParser.Name, "codex/mcp-malformed-unknown"),
        (JsonLinesParser.Name, "jsonl/demo-read"),
        (JsonLinesParser.Name, "jsonl/injection"),
        (JsonLinesParser.Name, "jsonl/no-done"),
    ];

    private static readonly HashSet<Type> AgentFrameTypes =
        [typeof(TextDeltaFrame), typeof(ToolStartFrame), typeof(ToolResultFrame), typeof(AgentSessionFrame), typeof(DoneFrame), typeof(ErrorFrame), typeof(StdoutFrame)];

    public static TheoryData<string, string, Chunking> Cases()
    {
        var data = new TheoryData<string, string, Chunking>();
        foreach (var (parser, fixture) in Table)
            foreach (var chunking in Enum.GetValues<Chunking>())
                data.Add(parser, fixture, chunking);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TranscriptGivesItsRecordedFrames(string parser, string fixture, Chunking chunking)
    {
        var frames = ParserHarness.Run(parser, AgentFixtures.Transcript(fixture), chunking);

        var expected = AgentFixtures.ExpectedFrames(fixture);
        var actual = ParserHarness.Normalize(frames);
        Assert.True(expected.Count == actual.Count && expected.Zip(actual).All(p => JsonNode.DeepEquals(p.First, p.Second)),
            $"expected:\n{Show(expected)}\nactual:\n{Show(actual)}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void FramesKeepTheContractRules(string parser, string fixture, Chunking chunking)
    {
        var frames = ParserHarness.Run(parser, AgentFixtures.Transcript(fixture), chunking);

        Assert.All(frames, f =>
        {
            Assert.Contains(f.GetType(), AgentFrameTypes);
            Assert.Equal(ParserHarness.SessionId, f.Session);
            Assert.Equal(ParserHarness.RunId, f.Run);
            Assert.Null(f.Id);
            Assert.DoesNotContain("SECRET123", FrameJson.Serialize(f), StringComparison.Ordinal);
        });
        Assert.All(frames.OfType<StdoutFrame>(), f => Assert.True(Encoding.UTF8.GetByteCount(f.Data) <= OutputDecoder.MaxFrameBytes));
        Assert.True(frames.OfType<DoneFrame>().Count() <= 1, "more than one done");
    }

    private static string Show(IEnumerable<JsonObject> frames) => string.Join("\n", frames.Select(f => f.ToJsonString()));
}
