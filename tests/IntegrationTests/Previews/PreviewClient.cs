using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;

namespace Aspire.Sandbox.IntegrationTests.Previews;

/// <summary>
/// A client of preview URLs as a browser would be one: every <c>*.preview.localhost</c> name reaches the Web's loopback port
/// (browsers resolve <c>*.localhost</c> themselves; this client does not rely on the resolver doing so), cookies kept per
/// host, redirects not followed (the tests look at them).
/// </summary>
public sealed class PreviewClient : IDisposable
{
    private readonly SocketsHttpHandler _handler;

    public PreviewClient(Uri webUrl)
    {
        _handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = true,
            CookieContainer = Cookies,
            UseProxy = false,
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, webUrl.Port), ct);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        Http = new HttpClient(_handler, disposeHandler: false) { Timeout = TimeSpan.FromSeconds(90) };
    }

    public CookieContainer Cookies { get; } = new();

    public HttpClient Http { get; }

    public async Task<HttpResponseMessage> GetAsync(string url, string? bearer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (bearer is not null) request.Headers.Authorization = new("Bearer", bearer);
        return await Http.SendAsync(request);
    }

    /// <summary>A WebSocket to a preview URL (ws://...), with the session token as a bearer header.</summary>
    public async Task<ClientWebSocket> ConnectWebSocketAsync(string url, string? bearer, CancellationToken ct)
    {
        var socket = new ClientWebSocket();
        if (bearer is not null) socket.Options.SetRequestHeader("Authorization", "Bearer " + bearer);
        await socket.ConnectAsync(new Uri(url), new HttpMessageInvoker(_handler, disposeHandler: false), ct);
        return socket;
    }

    public void Dispose()
    {
        Http.Dispose();
        _handler.Dispose();
    }
}
