using System.Text.Json;

namespace Aspire.Sandbox.Worker.Docker;

/// <summary>
/// Cuts a byte stream of concatenated JSON values (<c>{…}\r\n{…}</c>) into whole values, whatever the read
/// boundaries. It does not rely on the line breaks between values, and it remembers how far it has tokenized,
/// so a value arriving in many small reads is not rescanned from its start each time.
/// </summary>
internal sealed class JsonValueSplitter
{
    private readonly int _maxValueLength;
    private byte[] _buffer = new byte[4096];
    private int _start;
    private int _scanned;
    private int _end;
    private JsonReaderState _state;

    public JsonValueSplitter(int maxValueLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxValueLength);
        _maxValueLength = maxValueLength;
    }

    /// <summary>True when nothing but whitespace is waiting: if the stream ends now, it ended between values.</summary>
    public bool IsBetweenValues => _buffer.AsSpan(_start, _end - _start).Trim(" \t\r\n"u8).IsEmpty;

    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _scanned -= _start;
            _end -= _start;
            _start = 0;
        }

        if (_end + bytes.Length > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _end + bytes.Length));
        }

        bytes.CopyTo(_buffer.AsSpan(_end));
        _end += bytes.Length;
    }

    /// <summary>
    /// The next complete value, if one has arrived. The memory is only valid until the next <see cref="Append"/>.
    /// </summary>
    /// <exception cref="DockerStreamProtocolException">The bytes are not JSON, or one value exceeds the limit.</exception>
    public bool TryTake(out ReadOnlyMemory<byte> value)
    {
        var reader = new Utf8JsonReader(_buffer.AsSpan(_scanned, _end - _scanned), isFinalBlock: false, _state);
        try
        {
            while (reader.Read())
            {
                if (reader.CurrentDepth == 0 && reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
                {
                    var end = _scanned + (int)reader.BytesConsumed;
                    value = _buffer.AsMemory(_start, end - _start);
                    _start = _scanned = end;
                    _state = default;
                    return true;
                }
            }
        }
        catch (JsonException ex)
        {
            throw new DockerStreamProtocolException($"Docker engine sent a message stream that is not JSON: {ex.Message}");
        }

        _scanned += (int)reader.BytesConsumed;
        _state = reader.CurrentState;
        if (_end - _start > _maxValueLength)
        {
            throw new DockerStreamProtocolException(
                $"Docker engine sent a JSON message longer than the limit of {_maxValueLength} bytes.");
        }

        value = default;
        return false;
    }
}
