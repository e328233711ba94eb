using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Aspire.Sandbox.Worker.Docker;

/// <summary>
/// A small typed client of the Docker Engine API, shaped like Docker.DotNet (which cannot be installed here).
/// Thread-safe; create one per process. Ordinary requests share one pooled HttpClient over the engine's socket;
/// exec streams get their own hijacked connection each. The API version is negotiated on first use.
/// </summary>
public sealed partial class DockerEngineClient : IDisposable
{
    private readonly DockerEndpoint _endpoint;
    private readonly HttpClient _http;
    private volatile string? _apiVersion;

    public DockerEngineClient(DockerEngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _endpoint = new DockerEndpoint(options.Endpoint);
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, ct) =>
                new NetworkStream(await _endpoint.ConnectAsync(ct).ConfigureAwait(false), ownsSocket: true),
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
        };

        // No HttpClient timeout: stop/kill/wait legitimately take long; every call takes a CancellationToken instead.
        _http = new HttpClient(handler) { BaseAddress = new Uri("http://docker"), Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The version used in paths (e.g. <c>"1.41"</c>), or null before the first call reached the engine.</summary>
    public string? NegotiatedApiVersion => _apiVersion;

    /// <summary>Asks the engine who it is (unversioned, so it works on any engine) and negotiates the API version.</summary>
    public async Task<DockerVersion> GetVersionAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, "/version", null, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        var version = await ReadJsonAsync(response, DockerJsonContext.Default.DockerVersion, cancellationToken)
            .ConfigureAwait(false);
        try
        {
            _apiVersion = DockerApiVersionNegotiator.Choose(version.ApiVersion, version.MinAPIVersion);
        }
        catch (Exception ex) when (ex is NotSupportedException or ArgumentException)
        {
            // An engine we share no API version with is, for us, an engine that is not there.
            throw new DockerEngineUnavailableException($"Docker engine at {_endpoint.Display} cannot be used: {ex.Message}", ex);
        }

        return version;
    }

    public void Dispose() => _http.Dispose();

    /// <summary>Prefixes the negotiated version; negotiates first if nobody has yet (a race only costs a second /version).</summary>
    private async ValueTask<string> VersionedAsync(string path, CancellationToken cancellationToken)
    {
        if (_apiVersion is null)
        {
            await GetVersionAsync(cancellationToken).ConfigureAwait(false);
        }

        return $"/v{_apiVersion}{path}";
    }

    private async Task<HttpResponseMessage> SendAsync(
        HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        // Not disposed on purpose: disposing the request would dispose a caller-owned upload stream.
        var request = new HttpRequestMessage(method, path) { Content = content };
        try
        {
            return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (HttpRequestException ex) when (ex.InnerException is DockerEngineUnavailableException unavailable)
        {
            // Our connect callback already said what is wrong; HttpClient only wrapped it.
            ExceptionDispatchInfo.Throw(unavailable);
            throw;
        }
        catch (HttpRequestException ex)
        {
            throw new DockerEngineUnavailableException($"Docker engine at {_endpoint.Display} failed {method} {path}: {ex.Message}", ex);
        }
    }

    private Task<HttpResponseMessage> SendJsonAsync<T>(
        HttpMethod method, string path, T body, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, typeInfo));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return SendAsync(method, path, content, cancellationToken);
    }

    /// <summary>Completes on success or on one of the <paramref name="alsoFine"/> codes; else throws the typed error.</summary>
    private static Task EnsureSuccessAsync(
        HttpResponseMessage response, CancellationToken cancellationToken, params HttpStatusCode[] alsoFine) =>
        response.IsSuccessStatusCode || alsoFine.Contains(response.StatusCode)
            ? Task.CompletedTask
            : ThrowErrorAsync(response, image: null, cancellationToken);

    /// <summary>Reads the engine's explanation and throws it as the matching exception type.</summary>
    private static async Task ThrowErrorAsync(HttpResponseMessage response, string? image, CancellationToken cancellationToken)
    {
        string body;
        try
        {
            body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException)
        {
            body = "";
        }

        throw DockerErrors.FromResponse(response.StatusCode, body, image);
    }

    private static async Task<T> ReadJsonAsync<T>(
        HttpResponseMessage response, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return await JsonSerializer.DeserializeAsync(stream, typeInfo, cancellationToken).ConfigureAwait(false)
                ?? throw new DockerStreamProtocolException($"Docker engine answered null where a {typeof(T).Name} was expected.");
        }
        catch (IOException ex)
        {
            throw new DockerEngineUnavailableException($"Docker engine connection broke while reading a response: {ex.Message}", ex);
        }
        catch (JsonException ex)
        {
            throw new DockerStreamProtocolException($"Docker engine answered JSON that is not a {typeof(T).Name}: {ex.Message}");
        }
    }

    private static string Escape(string segment) => Uri.EscapeDataString(segment);
}
