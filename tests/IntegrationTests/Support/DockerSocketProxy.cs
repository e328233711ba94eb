using System.Collections.Concurrent;
using System.Net.Sockets;
using Aspire.Sandbox.Worker.Docker;

namespace Aspire.Sandbox.IntegrationTests.Support;

/// <summary>
/// A Unix socket that passes every connection through to the real Docker engine, and can be pulled: stopped,
/// the socket is gone and open connections are cut, as when dockerd goes away; started again, it is back.
/// Lets a test take the engine away from one app instance without touching the engine other tests use.
/// </summary>
public sealed class DockerSocketProxy : IAsyncDisposable
{
    private readonly string _engineSocket;
    private readonly ConcurrentDictionary<Socket, byte> _open = new();
    private Socket? _listener;
    private Task _accepting = Task.CompletedTask;

    public DockerSocketProxy()
    {
        var engine = DockerEngineOptions.FromEnvironment().Endpoint;
        if (!engine.StartsWith("unix://", StringComparison.Ordinal)) throw new InvalidOperationException($"The proxy passes to a Unix socket; DOCKER_HOST is {engine}.");
        _engineSocket = engine["unix://".Length..];
    }

    public string SocketPath { get; } = Path.Combine(Path.GetTempPath(), $"sbx-engine-{Guid.NewGuid():N}.sock");

    /// <summary>What to give the worker as its engine endpoint.</summary>
    public string Endpoint => "unix://" + SocketPath;

    /// <summary>Listens (again); a no-op while listening.</summary>
    public void Start()
    {
        if (_listener is not null) return;
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(SocketPath));
        listener.Listen(64);
        _listener = listener;
        _accepting = AcceptAsync(listener);
    }

    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _listener, null) is not { } listener) return;
        listener.Dispose();
        await _accepting;
        foreach (var socket in _open.Keys) socket.Dispose();
        File.Delete(SocketPath);
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task AcceptAsync(Socket listener)
    {
        while (true)
        {
            Socket client;
            try { client = await listener.AcceptAsync(); }
            catch (Exception e) when (e is SocketException or ObjectDisposedException) { return; }
            _ = PassThroughAsync(client);
        }
    }

    private async Task PassThroughAsync(Socket client)
    {
        using var engine = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _open[client] = 0;
        _open[engine] = 0;
        try
        {
            await engine.ConnectAsync(new UnixDomainSocketEndPoint(_engineSocket));
            await using var toClient = new NetworkStream(client, ownsSocket: false);
            await using var toEngine = new NetworkStream(engine, ownsSocket: false);
            // Each direction ends on its own (exec streams half-close); stopping the proxy cuts both.
            await Task.WhenAll(CopyThenShutdownAsync(toClient, engine), CopyThenShutdownAsync(toEngine, client));
        }
        catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException)
        {
        }
        finally
        {
            _open.TryRemove(client, out _);
            _open.TryRemove(engine, out _);
            client.Dispose();
        }
    }

    private static async Task CopyThenShutdownAsync(Stream from, Socket to)
    {
        try
        {
            await using var destination = new NetworkStream(to, ownsSocket: false);
            await from.CopyToAsync(destination);
            to.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException)
        {
        }
    }
}
