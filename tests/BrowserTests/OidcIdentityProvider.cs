using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Aspire.Sandbox.BrowserTests;

/// <summary>
/// A real OpenID Connect provider of the tests' own (OpenIddict's server), in the test process on loopback: discovery,
/// signing keys, an authorization endpoint with a one-field login page (any name signs in as that user), and a token
/// endpoint for the authorization code flow with PKCE. One confidential client, the Web, with one redirect URI. No
/// database: OpenIddict's degraded mode, with the client checked by the handlers below.
/// </summary>
public sealed class OidcIdentityProvider : IAsyncDisposable
{
    public const string ClientId = "sandbox-web";
    public const string ClientSecret = "test-idp-secret-for-the-web";
    private const string LoginCookie = "test-idp.user";

    private readonly WebApplication _app;

    private OidcIdentityProvider(WebApplication app, Uri authority) => (_app, Authority) = (app, authority);

    /// <summary>The issuer, e.g. <c>http://localhost:41234/</c>.</summary>
    public Uri Authority { get; }

    /// <summary>Names signed in at the login page, in order: the test sees the provider was really asked.</summary>
    public List<string> SignIns { get; } = [];

    /// <summary>
    /// Starts the provider on a free loopback port. <paramref name="redirectUri"/> is asked for once the port is known
    /// (the Web that uses this provider starts after it, and its address is only known then): it returns the one
    /// redirect URI accepted, or null while there is none.
    /// </summary>
    public static async Task<OidcIdentityProvider> StartAsync(Func<string?> redirectUri)
    {
        // The port first, so the issuer can be fixed in the configuration before the server starts.
        var port = FreeLoopbackPort();
        var authority = new Uri($"http://localhost:{port}/");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.ListenLocalhost(port));
        builder.Services.AddOpenIddict().AddServer(server =>
        {
            server.SetIssuer(authority);
            server.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
            server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            server.RegisterScopes(Scopes.OpenId, Scopes.Profile);
            server.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
            server.DisableAccessTokenEncryption();
            server.EnableDegradedMode();
            server.UseAspNetCore().EnableAuthorizationEndpointPassthrough().DisableTransportSecurityRequirement();

            // Degraded mode knows no clients: these two handlers are the client registration.
            server.AddEventHandler<ValidateAuthorizationRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId)
                    context.Reject(Errors.InvalidClient, "Unknown client.");
                else if (context.RedirectUri is null || context.RedirectUri != redirectUri())
                    context.Reject(Errors.InvalidRequest, "This redirect_uri is not registered.");
                return default;
            }));
            server.AddEventHandler<ValidateTokenRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId || context.Request.ClientSecret != ClientSecret)
                    context.Reject(Errors.InvalidClient, "Client authentication failed.");
                return default;
            }));
        });

        var app = builder.Build();
        var provider = new OidcIdentityProvider(app, authority);
        app.MapGet("/connect/authorize", provider.Authorize);
        app.MapGet("/login", (string returnUrl) => Results.Content($"""
            <!doctype html><html><head><title>Test identity provider</title></head>
            <body style="font-family: sans-serif; margin: 3em">
              <h1>Test identity provider</h1>
              <form method="post" action="/login">
                <input type="hidden" name="returnUrl" value="{WebUtility.HtmlEncode(returnUrl)}">
                <label>User name <input name="user" data-testid="idp-user" autofocus></label>
                <button type="submit" data-testid="idp-submit">Sign in</button>
              </form>
            </body></html>
            """, "text/html"));
        app.MapPost("/login", async (HttpContext context) =>
        {
            var form = await context.Request.ReadFormAsync();
            var user = form["user"].ToString().Trim();
            var returnUrl = form["returnUrl"].ToString();
            // Back only to this provider's own authorization endpoint.
            if (user.Length == 0 || !returnUrl.StartsWith("/connect/authorize?", StringComparison.Ordinal)) return Results.BadRequest();
            lock (provider.SignIns) provider.SignIns.Add(user);
            context.Response.Cookies.Append(LoginCookie, user, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, Path = "/" });
            return Results.Redirect(returnUrl);
        }).DisableAntiforgery();

        await app.StartAsync();
        return provider;
    }

    /// <summary>The authorization endpoint: who is signed in here (else the login page), as an identity for the Web.</summary>
    private IResult Authorize(HttpContext context)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        if (context.Request.Cookies[LoginCookie] is not { Length: > 0 } user)
            return Results.Redirect("/login?returnUrl=" + Uri.EscapeDataString(context.Request.Path + context.Request.QueryString));

        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        // The subject is stable and not the display name, as with a real provider.
        identity.SetClaim(Claims.Subject, "user-" + user.ToLowerInvariant());
        identity.SetClaim(Claims.Name, user);
        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static int FreeLoopbackPort()
    {
        using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
