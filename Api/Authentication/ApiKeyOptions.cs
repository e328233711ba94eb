namespace Aspire.Sandbox.Api.Authentication;

/// <summary>API keys accepted by the Api (<c>Sandbox:ApiKeys</c>); each key is an owner of sessions.</summary>
public sealed class ApiKeyOptions
{
    public List<string> ApiKeys { get; set; } = [];
}
