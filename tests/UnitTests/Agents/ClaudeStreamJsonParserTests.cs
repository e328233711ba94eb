using Aspire.Sandbox.Contracts.Frames;
using Aspire.Sandbox.Worker.Agents;

namespace Aspire.Sandbox.UnitTests.Agents;

public sealed class ClaudeStreamJsonParserTests
{
    [Fact]
    public void PartialTextIsShownAsItStreamsAndTheFullMessageAddsNothing()
    {
        var parser = ParserHarness.Create(ClaudeStreamJsonParser.Name);
        var lines = AgentFixtures.Transcript("claude/text-only-partial").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var assistantLine = Array.FindIndex(lines, l => l.StartsWith("{\"type\":\"assistant\"", StringComparison.Ordinal));

        var textBeforeFullMessage = lines[..assistantLine].Sum(l => parser.Feed(l + "\n").OfType<TextDeltaFrame>().Count());
        var fromFullMessage = parser.Feed(lines[assistantLine] + "\n").ToList();

        Assert.True(textBeforeFullMessage >= 3, $"only {textBeforeFullMessage} text frames while streaming");
        Assert.DoesNotContain(fromFullMessage, f => f is TextDeltaFrame);
    }

    [Fact]
    public void FullMessageShowsTheTextAStreamCutShortDidNotShow()
    {
        var frames = ParserHarness.Run(ClaudeStreamJsonParser.Name, string.Join("\n",
            """{"type":"stream_event","event":{"type":"message_start","message":{"id":"msg_1"}},"parent_tool_use_id":null}""",
            """{"type":"stream_event","event":{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}},"parent_tool_use_id":null}""",
            """{"type":"stream_event","event":{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello "}},"parent_tool_use_id":null}""",
            """{"type":"assistant","message":{"id":"msg_1","content":[{"type":"text","text":"Hello world."}]},"parent_tool_use_id":null}""") + "\n");

        Assert.Equal("Hello world.", ParserHarness.Text(frames));
        Assert.Equal("Hello world.", frames.OfType<DoneFrame>().Single().Text);
    }

    [Fact]
    public void ToolInputStreamedInFragmentsStartsTheToolWhenItsBlockStops()
    {
        var parser = ParserHarness.Create(ClaudeStreamJsonParser.Name);
        parser.Feed("""{"type":"stream_event","event":{"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_1","name":"Write","input":{}}}}""" + "\n");
        Assert.Empty(parser.Feed("""{"type":"stream_event","event":{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"file_path\":\"a.txt\","}}}""" + "\n"));
        parser.Feed("""{"type":"stream_event","event":{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"\"content\":\"hi\"}"}}}""" + "\n");

        var start = Assert.IsType<ToolStartFrame>(Assert.Single(parser.Feed("""{"type":"stream_event","event":{"type":"content_block_stop","index":1}}""" + "\n")));

        Assert.Equal("toolu_1", start.ToolId);
        Assert.Equal("Write", start.Name);
        Assert.Equal("a.txt", start.Input!.Value.GetProperty("file_path").GetString());
        Assert.Equal("hi", start.Input!.Value.GetProperty("content").GetString());
    }

    [Fact]
    public void PartialAndFullTranscriptsOfOneConversationShowTheSameText()
    {
        var partial = ParserHarness.Run(ClaudeStreamJsonParser.Name, AgentFixtures.Transcript("claude/tool-use-partial"));
        var full = ParserHarness.Run(ClaudeStreamJsonParser.Name, AgentFixtures.Transcript("claude/tool-use-full"));

        Assert.Equal(ParserHarness.Text(full), ParserHarness.Text(partial));
        Assert.Equal("I'll list the files.\n\nThere is one file: `notes.txt`.", ParserHarness.Text(partial));
    }

    [Fact]
    public void SecondResultStaysVisibleAsOutput()
    {
        var result = """{"type":"result","subtype":"success","is_error":false,"result":"ok"}""";

        var frames = ParserHarness.Run(ClaudeStreamJsonParser.Name, result + "\n" + result + "\n");

        Assert.IsType<DoneFrame>(frames[0]);
        Assert.Equal(result + "\n", Assert.IsType<StdoutFrame>(Assert.Single(frames.Skip(1))).Data);
    }
}
