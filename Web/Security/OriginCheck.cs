using Microsoft.Extensions.Options;

namespace Aspire.Sandbox.Web.Security;

/// <summary>
/// Refuses requests a page of another site makes a browser send: every state-changing <c>/app</c> call and every
/// hub request (negotiate, WebSocket, SSE, long polling) whose <c>Origin</c> is neither this app's own nor one of
/// <see cref="WebOptions.AllowedOrigins"/> (loopback origins when none are configured). Requests without an
/// Origin are not a browser acting for another site (browsers always send it on these requests) and pass; a token's
/// read endpoints are guarded by the token and by same-origin reads. Host names are checked before this, by host
/// filtering (<c>AllowedHosts</c>), so "its own origin" cannot be an attacker's rebound name.
/// </summary>
public sealed class OriginCheck(RequestDelegate next, IOptions<WebOptions> options, ILogger<OriginCheck> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (Guarded(context.Request) && context.Request.Headers.Origin is { Count: > 0 } origin && !Allowed(origin.ToString(), context.Request))
        {
            logger.LogWarning("Refused a request to {Path} from origin {Origin}", context.Request.Path, origin.ToString());
            await TypedResults.Problem("Requests from this origin are not accepted.", statusCode: StatusCodes.Status403Forbidden,
                title: "Origin not allowed", type: "https://aspire-sandbox.dev/problems/forbidden").ExecuteAsync(context);
            return;
        }
        // A GET that hands out tokens must not be made by another site either (Sec-Fetch-Site is set by browsers).
        if (context.Request.Path.StartsWithSegments("/app") && context.Request.Headers["Sec-Fetch-Site"] == "cross-site")
        {
            await TypedResults.Problem("Cross-site requests are not accepted.", statusCode: StatusCodes.Status403Forbidden,
                title: "Origin not allowed", type: "https://aspire-sandbox.dev/problems/forbidden").ExecuteAsync(context);
            return;
        }
        await next(context);
    }

    private static bool Guarded(HttpRequest request) =>
        request.Path.StartsWithSegments("/hubs")
        || (request.Path.StartsWithSegments("/app") && !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method));

    private bool Allowed(string origin, HttpRequest request)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri)) return false;
        if (string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase)) return true;
        var configured = options.Value.AllowedOrigins;
        if (configured.Count > 0)
            return configured.Any(o => string.Equals(o.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase));
        return uri.IsLoopback; // default: pages served from this machine (another dev server, a test page)
    }
}
