using System.Text;

namespace Aspire.Sandbox.Worker.Runs;

/// <summary>
/// Turns one output stream's byte chunks into frame data: UTF-8 text, keeping a character split
/// across reads for the next chunk; bytes that are not UTF-8 become base64 so nothing is lost.
/// </summary>
public sealed class OutputDecoder
{
    /// <summary>DESIGN §3.1: output frames carry at most 64 KiB.</summary>
    public const int MaxFrameBytes = 64 * 1024;

    private readonly Decoder _decoder = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();

    public IEnumerable<DecodedOutput> Decode(ReadOnlyMemory<byte> chunk)
    {
        for (var offset = 0; offset < chunk.Length; offset += MaxFrameBytes / 2)
        {
            // Half the limit per slice: even all-3-byte text or base64's 4/3 growth stays under it.
            var slice = chunk.Slice(offset, Math.Min(MaxFrameBytes / 2, chunk.Length - offset));
            yield return DecodeSlice(slice.Span);
        }
    }

    private DecodedOutput DecodeSlice(ReadOnlySpan<byte> bytes)
    {
        try
        {
            var chars = new char[_decoder.GetCharCount(bytes, flush: false)];
            var count = _decoder.GetChars(bytes, chars, flush: false);
            return new DecodedOutput(new string(chars, 0, count), null);
        }
        catch (DecoderFallbackException)
        {
            _decoder.Reset();
            return new DecodedOutput(Convert.ToBase64String(bytes), "base64");
        }
    }
}

public readonly record struct DecodedOutput(string Data, string? Encoding);
