using System.Security.Claims;
using System.Text.Encodings.Web;
using Aspire.Sandbox.Contracts.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Aspire.Sandbox.Api.Authentication;

/// <summary>
/// Checks <c>Authorization: Bearer &lt;api key&gt;</c> against the configured keys (<see cref="ApiKeyRing"/>).
/// The principal carries only the owner id, never the key.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyRing keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string OwnerClaim = "sandbox:owner";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = BearerToken.From(Request);
        if (presented is null) return Task.FromResult(AuthenticateResult.NoResult());

        if (keys.OwnerOf(presented) is not { } owner) return Task.FromResult(AuthenticateResult.Fail("The API key is not valid."));

        var identity = new ClaimsIdentity([new Claim(OwnerClaim, owner)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
