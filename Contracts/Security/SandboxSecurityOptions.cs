namespace Aspire.Sandbox.Contracts.Security;

/// <summary>Keys shared by the services (section <c>Sandbox</c>).</summary>
public sealed class SandboxSecurityOptions
{
    public const string SectionName = "Sandbox";

    /// <summary>Base64 HMAC keys for session tokens; the first signs, all verify (rotation).</summary>
    public List<string> TokenKeys { get; set; } = [];

    /// <summary>How long a session token is valid.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Base64 AES-256 key that seals secrets while they wait in the work queue.</summary>
    public string? SecretsKey { get; set; }
}
