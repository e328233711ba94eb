using System.Net;
using System.Net.Sockets;

namespace Aspire.Sandbox.Worker.Docker;

/// <summary>
/// Opens raw connections to the engine. Shared by the pooled HttpClient (ordinary requests) and by
/// hijacked exec streams, so both fail the same way when the engine is away.
/// </summary>
internal sealed class DockerEndpoint
{
    private readonly EndPoint _endPoint;

    public DockerEndpoint(string endpoint)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(endpoint);
        Display = endpoint;
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
        {
            throw new ArgumentException($"'{endpoint}' is not a Docker endpoint URI.", nameof(endpoint));
        }

        _endPoint = uri.Scheme switch
        {
            "unix" => new UnixDomainSocketEndPoint(Uri.UnescapeDataString(uri.AbsolutePath)),
            "tcp" or "http" => new DnsEndPoint(uri.Host, uri.IsDefaultPort || uri.Port < 0 ? 2375 : uri.Port),
            _ => throw new ArgumentException(
                $"Docker endpoint scheme '{uri.Scheme}' is not supported (use unix:// or tcp://).", nameof(endpoint)),
        };
    }

    public string Display { get; }

    /// <summary>Connects a new socket; every failure to connect becomes <see cref="DockerEngineUnavailableException"/>.</summary>
    public async ValueTask<Socket> ConnectAsync(CancellationToken cancellationToken)
    {
        var socket = _endPoint is UnixDomainSocketEndPoint
            ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
            : new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(_endPoint, cancellationToken).ConfigureAwait(false);
            return socket;
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            throw new DockerEngineUnavailableException(
                $"Docker engine at {Display} is unavailable: {ex.Message}", ex);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
