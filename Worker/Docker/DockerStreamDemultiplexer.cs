using System.Buffers.Binary;
using System.Text;

namespace Aspire.Sandbox.Worker.Docker;

/// <summary>
/// Splits the engine's multiplexed stream (TTY off) into stdout / stderr chunks. Each frame is an
/// 8-byte header <c>[type, 0, 0, 0, len (big-endian uint32)]</c> then <c>len</c> payload bytes.
/// Pure and push-based: feed it whatever the socket returned, at any split. Payload bytes are emitted
/// as soon as they are fed, even mid-frame, so output is never held back waiting for the rest of a
/// frame and a hostile length never makes us allocate that many bytes.
/// </summary>
public sealed class DockerStreamDemultiplexer
{
    public const int HeaderLength = 8;

    /// <summary>The engine copies in 32 KiB writes; anything near this is corruption, not output.</summary>
    public const int DefaultMaxFrameLength = 16 * 1024 * 1024;

    // moby's stdcopy uses type 3 for an error the daemon reports in-band; its text is kept for the exception.
    private const byte SystemErrorType = 3;
    private const int MaxSystemErrorLength = 4096;

    private readonly int _maxFrameLength;
    private readonly byte[] _header = new byte[HeaderLength];
    private readonly List<byte> _systemError = [];
    private int _headerFilled;
    private byte _type;
    private long _remaining;

    public DockerStreamDemultiplexer(int maxFrameLength = DefaultMaxFrameLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxFrameLength);
        _maxFrameLength = maxFrameLength;
    }

    /// <summary>True between frames: if the stream ends now, it ended cleanly.</summary>
    public bool IsAtFrameBoundary => _headerFilled == 0 && _remaining == 0;

    /// <summary>Consumes <paramref name="chunk"/> entirely and appends the output it completes, in order.</summary>
    /// <exception cref="DockerStreamProtocolException">Unknown stream type, oversized frame, or an engine error frame.</exception>
    public void Feed(ReadOnlySpan<byte> chunk, ICollection<ExecOutput> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        while (!chunk.IsEmpty)
        {
            if (_remaining == 0)
            {
                var take = Math.Min(HeaderLength - _headerFilled, chunk.Length);
                chunk[..take].CopyTo(_header.AsSpan(_headerFilled));
                _headerFilled += take;
                chunk = chunk[take..];
                if (_headerFilled == HeaderLength)
                {
                    BeginFrame();
                }

                continue;
            }

            var length = (int)Math.Min(_remaining, chunk.Length);
            Emit(chunk[..length], output);
            _remaining -= length;
            chunk = chunk[length..];
            if (_remaining == 0 && _type == SystemErrorType)
            {
                throw new DockerStreamProtocolException(
                    "The engine reported an error in the stream: " + Encoding.UTF8.GetString([.. _systemError]));
            }
        }
    }

    private void BeginFrame()
    {
        _headerFilled = 0;
        _type = _header[0];
        if (_type > SystemErrorType || _header[1] != 0 || _header[2] != 0 || _header[3] != 0)
        {
            throw new DockerStreamProtocolException(
                $"Invalid multiplexed stream header {Convert.ToHexString(_header)}: unknown stream type.");
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(_header.AsSpan(4));
        if (length > (uint)_maxFrameLength)
        {
            throw new DockerStreamProtocolException(
                $"Multiplexed frame of {length} bytes exceeds the limit of {_maxFrameLength} bytes.");
        }

        // A zero-length frame is legal and carries nothing: stay between frames.
        _remaining = length;
    }

    private void Emit(ReadOnlySpan<byte> payload, ICollection<ExecOutput> output)
    {
        if (_type == SystemErrorType)
        {
            var room = MaxSystemErrorLength - _systemError.Count;
            _systemError.AddRange(payload[..Math.Min(room, payload.Length)]);
            return;
        }

        output.Add(new ExecOutput((StreamKind)_type, payload.ToArray()));
    }
}
