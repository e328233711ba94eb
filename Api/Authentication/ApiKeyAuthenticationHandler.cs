using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Aspire.Sandbox.Contracts.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Aspire.Sandbox.Api.Authentication;

/// <summary>
/// Checks <c>Authorization: Bearer &lt;api key&gt;</c> against the configured keys in constant time.
/// The principal's owner id is a hash of the key, so keys never reach Redis or logs.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptions<ApiKeyOptions> keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string OwnerClaim = "sandbox:owner";

    private readonly byte[][] _keyHashes = keys.Value.ApiKeys.Where(k => k.Length > 0).Select(Hash).ToArray();

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = BearerToken.From(Request);
        if (presented is null) return Task.FromResult(AuthenticateResult.NoResult());

        var hash = Hash(presented);
        var match = false;
        foreach (var known in _keyHashes) match |= CryptographicOperations.FixedTimeEquals(known, hash);
        if (!match) return Task.FromResult(AuthenticateResult.Fail("The API key is not valid."));

        var identity = new ClaimsIdentity([new Claim(OwnerClaim, OwnerId(hash))], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    private static string OwnerId(byte[] keyHash) => Convert.ToHexStringLower(keyHash, 0, 12);
}
