namespace Aspire.Sandbox.Worker.Agents;

/// <summary>The message a Claude stream is in the middle of (one per agent: main or a sub-agent), with its streaming tool blocks by index.</summary>
public sealed class ClaudeOpenMessage(string messageId)
{
    public string MessageId => messageId;

    public Dictionary<int, ClaudePendingTool> Tools { get; } = [];
}
