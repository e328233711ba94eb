using System.Diagnostics;
using System.Net;
using Aspire.Sandbox.Contracts.Previews;
using Aspire.Sandbox.Contracts.Security;
using Aspire.Sandbox.Contracts.Sessions;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;

namespace Aspire.Sandbox.Web.Previews;

/// <summary>
/// Requests to <c>{port}-{session}.{preview domain}</c>: checked here, then forwarded with YARP to the worker that holds the
/// sandbox (from Redis), which passes them on to the port. Open to a token of that session (owner or viewer, as
/// <c>Authorization: Bearer</c> or the preview origin's cookie) or to anyone when the port is public; anything else is the
/// same 404 as a session that does not exist. Every other host goes on to the Web app.
/// </summary>
public sealed partial class PreviewProxy(
    RequestDelegate next,
    IHttpForwarder forwarder,
    PreviewStore previews,
    SessionTokenService tokens,
    IOptions<PreviewOptions> options,
    ILogger<PreviewProxy> logger) : IDisposable
{
    private readonly HttpMessageInvoker _workers = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        ActivityHeadersPropagator = DistributedContextPropagator.CreateNoOutputPropagator(),
        ConnectTimeout = TimeSpan.FromSeconds(10),
    }, disposeHandler: true);

    private static readonly ForwarderRequestConfig RequestConfig = new()
    {
        // Hot-reload WebSockets sit idle for long stretches; the worker may also wake a sleeping sandbox first.
        ActivityTimeout = TimeSpan.FromMinutes(30),
    };

    public async Task InvokeAsync(HttpContext context)
    {
        if (!PreviewAddress.TryParseHost(context.Request.Host.Host, options.Value.Domain, out var sessionId, out var port))
        {
            await next(context);
            return;
        }
        if (options.Value.Key.Length == 0)
        {
            await NotFoundAsync(context);
            return;
        }
        if (context.Request.Query.TryGetValue(PreviewCookie.BootstrapParameter, out var bootstrap))
        {
            await BootstrapAsync(context, sessionId, bootstrap.ToString());
            return;
        }

        var bearer = BearerToken.From(context.Request);
        var bearerIsOurs = Valid(bearer, sessionId);
        var allowed = bearerIsOurs || PreviewCookie.Values(context.Request).Any(value => Valid(value, sessionId));
        var route = await previews.RouteAsync(sessionId, port);
        if (route is null || !route.Exposed || SessionStates.HasEnded(route.Status) || !(allowed || route.Public))
        {
            await NotFoundAsync(context);
            return;
        }
        if (route.WorkerAddress is null)
        {
            await PlainAsync(context, StatusCodes.Status503ServiceUnavailable, "The worker that holds this sandbox is not available.");
            return;
        }

        var error = await forwarder.SendAsync(context, route.WorkerAddress + "/", _workers, RequestConfig,
            new ToWorker(sessionId, port, options.Value.Key, stripAuthorization: bearerIsOurs));
        if (error != ForwarderError.None)
        {
            LogForwardFailed(sessionId, port, error);
            if (!context.Response.HasStarted)
                await PlainAsync(context, StatusCodes.Status502BadGateway, "The worker that holds this sandbox did not answer.");
        }
    }

    public void Dispose() => _workers.Dispose();

    private bool Valid(string? token, string sessionId) => tokens.Validate(token) is { } claims && claims.SessionId == sessionId;

    /// <summary>A link with the token: the token becomes this origin's cookie, and the browser is sent to the same address without it.</summary>
    private async Task BootstrapAsync(HttpContext context, string sessionId, string token)
    {
        if (tokens.Validate(token) is not { } claims || claims.SessionId != sessionId)
        {
            await NotFoundAsync(context);
            return;
        }
        PreviewCookie.Set(context.Response, token, claims, context.Request.IsHttps);
        var query = QueryHelpers.ParseQuery(context.Request.QueryString.Value);
        query.Remove(PreviewCookie.BootstrapParameter);
        var rest = QueryString.Create(query.SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v))));
        context.Response.Headers.CacheControl = "no-store";
        // Relative: the browser stays on this origin, whatever the proxies in front call it.
        context.Response.Redirect(UriHelper.BuildRelative(context.Request.PathBase, context.Request.Path, rest));
    }

    private static Task NotFoundAsync(HttpContext context) => PlainAsync(context, StatusCodes.Status404NotFound, "Not found.");

    private static async Task PlainAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsync(message + "\n");
    }

    /// <summary>
    /// The browser's request for the worker: the target and the key added, the session's token (cookie, bearer) removed,
    /// since the sandbox's server is someone's code; the browser's Host kept (dev servers check it).
    /// </summary>
    private sealed class ToWorker(string sessionId, int port, string key, bool stripAuthorization) : HttpTransformer
    {
        public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
        {
            await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
            var headers = proxyRequest.Headers;
            headers.Remove(PreviewHeaders.Target);
            headers.Remove(PreviewHeaders.Key);
            headers.TryAddWithoutValidation(PreviewHeaders.Target, $"{sessionId} {port}");
            headers.TryAddWithoutValidation(PreviewHeaders.Key, key);
            headers.Remove("Cookie");
            if (PreviewCookie.Without(httpContext.Request) is { } cookies) headers.TryAddWithoutValidation("Cookie", cookies);
            if (stripAuthorization) headers.Authorization = null;
            headers.Host = httpContext.Request.Host.Value;
            headers.Remove("X-Forwarded-For");
            headers.Remove("X-Forwarded-Proto");
            if (httpContext.Connection.RemoteIpAddress is { } remote) headers.TryAddWithoutValidation("X-Forwarded-For", remote.ToString());
            headers.TryAddWithoutValidation("X-Forwarded-Proto", httpContext.Request.Scheme);
        }
    }

    [LoggerMessage(1, LogLevel.Information, "Preview request to session {SessionId} port {Port} failed at the worker hop ({Error})")]
    private partial void LogForwardFailed(string sessionId, int port, ForwarderError error);
}
