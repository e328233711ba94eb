using Aspire.Sandbox.Contracts.Security;

namespace Aspire.Sandbox.Web.Previews;

/// <summary>
/// The browser's session token on one preview origin: set by the <c>?sandbox_token=</c> bootstrap, host-only (no Domain),
/// HttpOnly, and never passed on to the sandbox's server, which is someone's code.
/// </summary>
public static class PreviewCookie
{
    public const string Name = "sandbox_preview";

    /// <summary>The query parameter of the bootstrap link; removed again by a redirect, so the token does not stay in the address bar or history.</summary>
    public const string BootstrapParameter = "sandbox_token";

    public static void Set(HttpResponse response, string token, SessionTokenClaims claims, bool secure) =>
        response.Cookies.Append(Name, token, new CookieOptions
        {
            HttpOnly = true,
            Secure = secure,
            // Lax: the link from the Web app is a top-level navigation from another origin.
            SameSite = SameSiteMode.Lax,
            Path = "/",
            Expires = claims.ExpiresAt,
        });

    /// <summary>
    /// Every value of this cookie in the request's Cookie header. A page on a sibling preview origin can set one for the
    /// whole preview domain (cookie tossing); each is tried, so such a cookie cannot shadow the real one.
    /// </summary>
    public static IEnumerable<string> Values(HttpRequest request)
    {
        foreach (var header in request.Headers.Cookie)
            foreach (var pair in (header ?? "").Split(';'))
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0 && pair.AsSpan(0, eq).Trim().SequenceEqual(Name)) yield return pair[(eq + 1)..].Trim();
            }
    }

    /// <summary>The Cookie header without this cookie; null when nothing else is left.</summary>
    public static string? Without(HttpRequest request)
    {
        var kept = request.Headers.Cookie
            .SelectMany(h => (h ?? "").Split(';'))
            .Where(pair => pair.Trim().Length > 0 && !pair.TrimStart().StartsWith(Name + "=", StringComparison.Ordinal))
            .Select(pair => pair.Trim())
            .ToArray();
        return kept.Length == 0 ? null : string.Join("; ", kept);
    }
}
