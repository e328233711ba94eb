using Aspire.Sandbox.Contracts.Templates;
using Aspire.Sandbox.Worker.Agents;
using Microsoft.Extensions.Configuration;

namespace Aspire.Sandbox.UnitTests.Agents;

public sealed class AgentTemplatesTests
{
    private static readonly TemplateCatalog BuiltIn = new(new ConfigurationBuilder().Build());

    [Fact]
    public void DemoAgentRunsTheShippedAgentWithTheJsonLinesParser()
    {
        var demo = BuiltIn.Find("demo-agent")!;

        Assert.Equal(("agent", "jsonl", TemplateDefinition.NetworkNone), (demo.Kind, demo.Parser, demo.Network));
        Assert.Equal(["demo-agent", "list the files; don't {panic}"], demo.CommandFor("list the files; don't {panic}"));
    }

    [Fact]
    public void ClaudeRunsThePrintModeStreamJsonCliWithEgressAndResumes()
    {
        var claude = BuiltIn.Find("claude")!;

        Assert.Equal(("agent", "claude-stream-json", TemplateDefinition.NetworkEgress), (claude.Kind, claude.Parser, claude.Network));
        Assert.Equal(["ANTHROPIC_API_KEY"], claude.RequiredSecrets);
        Assert.Equal(["claude", "-p", "fix it", "--output-format", "stream-json", "--verbose", "--include-partial-messages"], claude.CommandFor("fix it", null));
        Assert.Equal(["claude", "-p", "and now?", "--output-format", "stream-json", "--verbose", "--include-partial-messages", "--resume", "6f1c"],
            claude.CommandFor("and now?", "6f1c"));
    }

    [Fact]
    public void EveryBuiltInParserNameHasAParserOrIsRaw()
    {
        Assert.All(BuiltIn.All, t => Assert.True(
            t.Parser == AgentOutputParsers.Raw || AgentOutputParsers.Create(t.Parser, "s", "r", Worker.Runs.SecretMasker.None) is not null,
            $"template {t.Name} names unknown parser {t.Parser}"));
    }

    [Fact]
    public void TemplateFromConfigurationTakesItsOwnPromptCommandAndNetwork()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sandbox:Templates:0:Name"] = "replay",
            ["Sandbox:Templates:0:Kind"] = "agent",
            ["Sandbox:Templates:0:Parser"] = "claude-stream-json",
            ["Sandbox:Templates:0:PromptCommand:0"] = "python3",
            ["Sandbox:Templates:0:PromptCommand:1"] = "replay.py",
            ["Sandbox:Templates:0:PromptCommand:2"] = "{prompt}",
        }).Build();

        var replay = new TemplateCatalog(configuration).Find("replay")!;

        Assert.Equal(["python3", "replay.py", "hi"], replay.CommandFor("hi"));
        Assert.Equal(TemplateDefinition.NetworkNone, replay.Network);
    }
}
