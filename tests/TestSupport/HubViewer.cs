using System.Collections;
using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;

namespace Aspire.Sandbox.TestSupport;

/// <summary>
/// A viewer of the sessions hub on the official SignalR client: every frame the client method <c>frames</c>
/// brings goes into <see cref="Frames"/> with its arrival time, in order. The channel completes when the
/// connection closes (with the server's reason, if it gave one).
/// </summary>
public sealed class HubViewer : IAsyncDisposable
{
    private const string FramesMethod = "frames";
    private readonly Channel<ReceivedFrame> _frames = Channel.CreateUnbounded<ReceivedFrame>(new UnboundedChannelOptions { SingleWriter = true });

    private HubViewer(HubConnection connection, HubWireProtocol protocol)
    {
        Connection = connection;
        // Each protocol decodes the frames array into what it can express without knowing the frame types.
        if (protocol == HubWireProtocol.Json)
            connection.On<JsonElement[]>(FramesMethod, frames => Receive(frames, static f => f));
        else
            connection.On<IDictionary[]>(FramesMethod, frames => Receive(frames, MessagePackFrameJson.ToJson));
        connection.Closed += OnClosedAsync;
    }

    public HubConnection Connection { get; }

    public ChannelReader<ReceivedFrame> Frames => _frames.Reader;

    public static async Task<HubViewer> ConnectAsync(Uri webBase, string accessToken, CancellationToken ct, HubWireProtocol protocol = HubWireProtocol.Json)
    {
        var viewer = new HubViewer(SessionsHubConnection.Build(webBase, accessToken, protocol), protocol);
        try
        {
            await viewer.Connection.StartAsync(ct);
            return viewer;
        }
        catch
        {
            await viewer.DisposeAsync();
            throw;
        }
    }

    public Task SubscribeAsync(string sessionId, string? afterId, CancellationToken ct) =>
        InvokeAsync("Subscribe", [sessionId, afterId], ct);

    /// <summary>
    /// Invokes a hub method and waits for its completion; a hub error is a <see cref="HubException"/>. An
    /// invocation pending when the connection closes fails at once with an <see cref="IOException"/> (the
    /// client reports it as cancelled, which callers would mistake for their own cancellation).
    /// </summary>
    public async Task InvokeAsync(string target, object?[] arguments, CancellationToken ct)
    {
        try
        {
            await Connection.InvokeCoreAsync(target, arguments, ct);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new IOException($"The connection closed before the hub answered {target}.", e);
        }
    }

    private void Receive<T>(T[] frames, Func<T, JsonElement> toJson)
    {
        var arrived = Stopwatch.GetTimestamp();
        foreach (var frame in frames) _frames.Writer.TryWrite(new ReceivedFrame(toJson(frame), arrived));
    }

    private Task OnClosedAsync(Exception? error)
    {
        _frames.Writer.TryComplete(error is null ? null : new InvalidOperationException($"The connection closed: {error.Message}", error));
        return Task.CompletedTask;
    }

    /// <summary>Stops and disposes the connection; after the server or a test aborted it, there is nothing left to do and that is fine.</summary>
    public async ValueTask DisposeAsync()
    {
        Connection.Closed -= OnClosedAsync;
        await Connection.DisposeAsync();
        _frames.Writer.TryComplete();
    }
}
