using Aspire.Sandbox.Contracts.Security;
using Microsoft.Extensions.Options;

namespace Aspire.Sandbox.Api.Sessions;

/// <summary>
/// Seals and unseals secrets when the deployment has a key for it (<c>Sandbox:SecretsKey</c>). Without
/// one, requests with secrets are refused clearly rather than failing when the sealer is first built.
/// </summary>
public sealed class SecretsBox(IOptions<SandboxSecurityOptions> options, IServiceProvider services)
{
    public bool Available => !string.IsNullOrEmpty(options.Value.SecretsKey);

    private SecretSealer Sealer => services.GetRequiredService<SecretSealer>();

    public string Seal(IReadOnlyDictionary<string, string> secrets) => Sealer.Seal(secrets);

    public IReadOnlyDictionary<string, string> Unseal(string sealedSecrets) => Sealer.Unseal(sealedSecrets);
}
