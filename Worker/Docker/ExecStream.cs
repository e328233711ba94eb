using System.Net.Sockets;

namespace Aspire.Sandbox.Worker.Docker;

/// <summary>
/// The hijacked connection of a started exec: process output in, stdin out. One reader and one writer may
/// use it concurrently. Output is handed out chunk by chunk as the socket delivers it, never batched.
/// Disposing closes the connection; it does not kill the process (kill the container or signal the PID for that).
/// </summary>
public sealed class ExecStream : IAsyncDisposable
{
    private const int ReceiveBufferLength = 64 * 1024;

    private readonly Socket _socket;
    private readonly DockerStreamDemultiplexer? _demultiplexer;
    private readonly byte[] _buffer = new byte[ReceiveBufferLength];
    private readonly List<ExecOutput> _pending = [];
    private ReadOnlyMemory<byte> _initial;
    private int _nextPending;
    private bool _ended;
    private int _stdinClosed;
    private int _disposed;

    internal ExecStream(Socket socket, bool tty, ReadOnlyMemory<byte> initial)
    {
        _socket = socket;
        IsTty = tty;
        _demultiplexer = tty ? null : new DockerStreamDemultiplexer();
        _initial = initial;
    }

    /// <summary>With a TTY the stream is the raw terminal (all <see cref="StreamKind.Stdout"/>); without, it is multiplexed.</summary>
    public bool IsTty { get; }

    /// <summary>The next chunk of output, or null once the process has exited and the engine closed the stream.</summary>
    public async ValueTask<ExecOutput?> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_nextPending < _pending.Count)
            {
                return _pending[_nextPending++];
            }

            _pending.Clear();
            _nextPending = 0;
            if (_ended)
            {
                return null;
            }

            ReadOnlyMemory<byte> received;
            if (!_initial.IsEmpty)
            {
                received = _initial;
                _initial = default;
            }
            else
            {
                var count = await ReceiveAsync(cancellationToken).ConfigureAwait(false);
                if (count == 0)
                {
                    _ended = true;
                    if (_demultiplexer is { IsAtFrameBoundary: false })
                    {
                        throw new DockerStreamProtocolException("The exec stream ended in the middle of a frame.");
                    }

                    continue;
                }

                received = _buffer.AsMemory(0, count);
            }

            if (_demultiplexer is null)
            {
                return new ExecOutput(StreamKind.Stdout, received.ToArray());
            }

            _demultiplexer.Feed(received.Span, _pending);
        }
    }

    private async ValueTask<int> ReceiveAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await DockerHijack.ReceiveAsync(_socket, _buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerEngineUnavailableException) when (_disposed != 0)
        {
            // Our own DisposeAsync aborted the receive: report that, not a broken engine.
            throw new ObjectDisposedException(nameof(ExecStream));
        }
    }

    /// <summary>Sends bytes to the process's stdin (the exec must have been created with AttachStdin).</summary>
    public ValueTask WriteStdinAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return DockerHijack.SendAllAsync(_socket, data, cancellationToken);
    }

    /// <summary>Half-closes the connection so the process reads end-of-file; output keeps flowing.</summary>
    public ValueTask CloseStdinAsync()
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (Interlocked.Exchange(ref _stdinClosed, 1) == 0)
        {
            try
            {
                _socket.Shutdown(SocketShutdown.Send);
            }
            catch (SocketException ex)
            {
                throw new DockerEngineUnavailableException($"Docker engine connection broke while closing stdin: {ex.Message}", ex);
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _socket.Dispose();
        }

        return ValueTask.CompletedTask;
    }
}
