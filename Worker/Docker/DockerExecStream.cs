using System.Net.Sockets;
using System.Runtime.InteropServices;
using Aspire.Sandbox.Worker.Engine;
using Docker.DotNet;

namespace Aspire.Sandbox.Worker.Docker;

/// <summary>
/// An exec's hijacked connection as the domain sees it: chunks of output handed out as they arrive, stdin, and
/// end-of-file. A read or write that is cancelled (a timeout) leaves the connection mid-frame, so it is disposed then.
/// </summary>
internal sealed class DockerExecStream(MultiplexedStream stream) : IExecStream
{
    private const int ReadBufferLength = 64 * 1024;

    private readonly byte[] _buffer = new byte[ReadBufferLength];
    private int _disposed;

    public async ValueTask<ExecOutput?> ReadAsync(CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        while (true)
        {
            var result = await GuardAsync(() => stream.ReadOutputAsync(_buffer, 0, _buffer.Length, ct), "reading exec output").ConfigureAwait(false);
            if (result.EOF)
            {
                return null;
            }

            if (result.Count > 0)
            {
                var kind = result.Target == MultiplexedStream.TargetStream.StandardError ? StreamKind.Stderr : StreamKind.Stdout;
                return new ExecOutput(kind, _buffer.AsSpan(0, result.Count).ToArray());
            }
        }
    }

    public async ValueTask WriteStdinAsync(ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        // The library writes arrays; keystrokes usually come as one already.
        var bytes = MemoryMarshal.TryGetArray(data, out var segment) ? segment : new ArraySegment<byte>(data.ToArray());
        await GuardAsync(async () =>
        {
            await stream.WriteAsync(bytes.Array!, bytes.Offset, bytes.Count, ct).ConfigureAwait(false);
            return 0;
        }, "writing exec stdin").ConfigureAwait(false);
    }

    public ValueTask CloseStdinAsync()
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        try
        {
            stream.CloseWrite();
        }
        catch (Exception e) when (e is IOException or SocketException)
        {
            throw new EngineUnavailableException($"Docker engine connection broke while closing stdin: {e.Message}", e);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            stream.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private async Task<T> GuardAsync<T>(Func<Task<T>> io, string what)
    {
        try
        {
            return await io().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await DisposeAsync().ConfigureAwait(false);
            throw;
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            if (_disposed != 0)
            {
                // Our own dispose (another caller's timeout) aborted it: say that, not "the engine broke".
                throw new ObjectDisposedException(nameof(DockerExecStream), e);
            }

            throw new EngineUnavailableException($"Docker engine connection broke while {what}: {e.Message}", e);
        }
    }
}
