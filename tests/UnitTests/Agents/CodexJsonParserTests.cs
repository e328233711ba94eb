using Aspire.Sandbox.Contracts.Frames;
using Aspire.Sandbox.Worker.Agents;

namespace Aspire.Sandbox.UnitTests.Agents;

public sealed class CodexJsonParserTests
{
    [Fact]
    public void CommandStartsWhenItStartsAndEndsWithItsOutput()
    {
        var parser = ParserHarness.Create(CodexJsonParser.Name);

        var started = parser.Feed("""{"type":"item.started","item":{"id":"item_1","type":"command_execution","command":"bash -lc ls","aggregated_output":"","exit_code":null,"status":"in_progress"}}""" + "\n");
        var completed = parser.Feed("""{"type":"item.completed","item":{"id":"item_1","type":"command_execution","command":"bash -lc ls","aggregated_output":"README.md\n","exit_code":0,"status":"completed"}}""" + "\n");

        Assert.Equal("item_1", Assert.IsType<ToolStartFrame>(Assert.Single(started)).ToolId);
        var result = Assert.IsType<ToolResultFrame>(Assert.Single(completed));
        Assert.Equal("README.md\n", result.Output);
        Assert.False(result.IsError);
    }

    [Fact]
    public void AgentMessageArrivesWholeAsOneDelta()
    {
        var frames = ParserHarness.Run(CodexJsonParser.Name,
            """{"type":"item.completed","item":{"id":"item_2","type":"agent_message","text":"The repo has a README."}}""" + "\n");

        Assert.Equal("The repo has a README.", Assert.Single(frames.OfType<TextDeltaFrame>()).Text);
    }
}
