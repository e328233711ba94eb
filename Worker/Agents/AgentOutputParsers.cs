using Aspire.Sandbox.Worker.Runs;

namespace Aspire.Sandbox.Worker.Agents;

/// <summary>Chooses the parser a template names; <c>raw</c> (or unknown) means plain stdout frames.</summary>
public static class AgentOutputParsers
{
    public const string Raw = "raw";

    public static IAgentOutputParser? Create(string parser, string sessionId, string runId, SecretMasker masker) => parser switch
    {
        _ => null,
    };
}
