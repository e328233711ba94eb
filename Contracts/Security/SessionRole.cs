namespace Aspire.Sandbox.Contracts.Security;

/// <summary>What a session token allows: an owner acts on the session, a viewer only watches.</summary>
public enum SessionRole
{
    Viewer,
    Owner,
}
