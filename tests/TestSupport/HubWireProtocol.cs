namespace Aspire.Sandbox.TestSupport;

/// <summary>The hub protocols the Web offers (API.md, real-time hub).</summary>
public enum HubWireProtocol
{
    Json,
    MessagePack,
}
