using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Aspire.Sandbox.Contracts.Previews;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;

namespace Aspire.Sandbox.Worker.Previews;

/// <summary>
/// The worker's preview endpoint: requests the Web forwards (marked with <see cref="PreviewHeaders.Target"/> and the
/// shared key) go on to the sandbox's port through its relay, with YARP's forwarder: keep-alive, streamed bodies (SSE)
/// and WebSocket upgrades pass as they are. Everything else goes to the rest of the pipeline (health endpoints).
/// </summary>
public sealed partial class PreviewEndpoint(
    RequestDelegate next,
    IHttpForwarder forwarder,
    PreviewConnector connector,
    PreviewActivity activity,
    IOptions<PreviewOptions> shared,
    IOptions<WorkerPreviewOptions> options,
    ILogger<PreviewEndpoint> logger) : IDisposable
{
    private readonly byte[] _key = Encoding.UTF8.GetBytes(shared.Value.Key);
    private readonly HttpMessageInvoker _sandboxes = CreateInvoker(connector, options.Value);
    private static readonly ForwarderRequestConfig RequestConfig = new()
    {
        // Dev servers keep an idle WebSocket open for hot reload; YARP's 100 s default would cut it.
        ActivityTimeout = TimeSpan.FromMinutes(30),
    };

    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Headers.TryGetValue(PreviewHeaders.Target, out var target))
        {
            await next(context);
            return;
        }
        if (_key.Length == 0 || !KeyMatches(context.Request.Headers[PreviewHeaders.Key].ToString()) || !TryParse(target.ToString(), out var sessionId, out var port))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        activity.Seen(sessionId);
        // The host carries the session and port to the connect callback (one connection pool per sandbox port).
        var destination = string.Create(CultureInfo.InvariantCulture, $"http://{sessionId.Replace('_', '-')}:{port}/");
        var error = await forwarder.SendAsync(context, destination, _sandboxes, RequestConfig, SandboxTransformer.Instance);
        if (error != ForwarderError.None)
        {
            var reason = context.GetForwarderErrorFeature()?.Exception is { } e ? Reason(e) : error.ToString();
            LogForwardFailed(sessionId, port, error, reason);
            if (!context.Response.HasStarted)
            {
                context.Response.StatusCode = StatusCodes.Status502BadGateway;
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync($"The sandbox's port {port} cannot be reached: {reason}\n");
            }
        }
    }

    public void Dispose() => _sandboxes.Dispose();

    private bool KeyMatches(string given) => CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), _key);

    private static bool TryParse(string target, out string sessionId, out int port)
    {
        var parts = target.Split(' ');
        sessionId = parts[0];
        port = 0;
        return parts.Length == 2 && sessionId.Length > 0
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is >= PreviewAddress.MinPort and <= PreviewAddress.MaxPort;
    }

    private static string Reason(Exception e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
            if (inner is PreviewUnavailableException) return inner.Message;
        return e.Message;
    }

    private static HttpMessageInvoker CreateInvoker(PreviewConnector connector, WorkerPreviewOptions options) => new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        // Trace context is the platform's; the sandbox's server gets none of it.
        ActivityHeadersPropagator = DistributedContextPropagator.CreateNoOutputPropagator(),
        ConnectTimeout = options.ConnectTimeout,
        ConnectCallback = (context, ct) => connector.ConnectAsync(context.DnsEndPoint.Host.Replace('-', '_'), context.DnsEndPoint.Port, ct),
    }, disposeHandler: true);

    /// <summary>The request as the Web sent it, minus the Web's own headers, with the browser's Host (dev servers check it).</summary>
    private sealed class SandboxTransformer : HttpTransformer
    {
        public static readonly SandboxTransformer Instance = new();

        public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
        {
            await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
            proxyRequest.Headers.Remove(PreviewHeaders.Target);
            proxyRequest.Headers.Remove(PreviewHeaders.Key);
            proxyRequest.Headers.Host = httpContext.Request.Host.Value;
        }
    }

    [LoggerMessage(112, LogLevel.Information, "Preview request to session {SessionId} port {Port} failed ({Error}): {Reason}")]
    private partial void LogForwardFailed(string sessionId, int port, ForwarderError error, string reason);
}
