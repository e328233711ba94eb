using Aspire.Sandbox.Contracts.Templates;
using Microsoft.Extensions.Configuration;

namespace Aspire.Sandbox.IntegrationTests.Agents;

/// <summary>
/// The template the replayed-Claude test runs: the built-in <c>claude</c> template as an operator
/// would copy it into configuration, but without egress — the replayed CLI needs no network, and
/// this machine gives sandboxes none (the built-in one is refused unless egress is allowed).
/// The test app must hand <see cref="Configuration"/> to both api and worker (they must agree on
/// templates), e.g. as AppHost arguments <see cref="Args"/> forwarded to both.
/// </summary>
public static class ClaudeReplayTemplate
{
    public const string Name = "claude-replay";

    public static IReadOnlyDictionary<string, string> Configuration { get; } = Build();

    public static string[] Args => [.. Configuration.Select(kv => $"--{kv.Key}={kv.Value}")];

    private static Dictionary<string, string> Build()
    {
        var claude = new TemplateCatalog(new ConfigurationBuilder().Build()).Find("claude")!;
        const string prefix = "Sandbox:Templates:0:";
        var configuration = new Dictionary<string, string>
        {
            [prefix + "Name"] = Name,
            [prefix + "Kind"] = claude.Kind,
            [prefix + "Parser"] = claude.Parser,
            [prefix + "Network"] = TemplateDefinition.NetworkNone,
            [prefix + "Description"] = "The claude template without egress, for a replayed CLI.",
        };
        for (var i = 0; i < claude.PromptCommand.Count; i++) configuration[$"{prefix}PromptCommand:{i}"] = claude.PromptCommand[i];
        for (var i = 0; i < claude.ResumeArguments!.Count; i++) configuration[$"{prefix}ResumeArguments:{i}"] = claude.ResumeArguments[i];
        return configuration;
    }
}
