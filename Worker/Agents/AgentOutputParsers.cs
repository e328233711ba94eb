using Aspire.Sandbox.Worker.Runs;

namespace Aspire.Sandbox.Worker.Agents;

/// <summary>Chooses the parser a template names; <c>raw</c> (or unknown) means plain stdout frames.</summary>
public static class AgentOutputParsers
{
    public const string Raw = "raw";

    public static IReadOnlyList<string> Names { get; } = [Raw, JsonLinesParser.Name, ClaudeStreamJsonParser.Name, CodexJsonParser.Name];

    public static IAgentOutputParser? Create(string parser, string sessionId, string runId, SecretMasker masker) => parser switch
    {
        JsonLinesParser.Name => new JsonLinesParser(sessionId, runId, masker),
        ClaudeStreamJsonParser.Name => new ClaudeStreamJsonParser(sessionId, runId, masker),
        CodexJsonParser.Name => new CodexJsonParser(sessionId, runId, masker),
        _ => null,
    };
}
