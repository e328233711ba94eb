namespace Aspire.Sandbox.Worker.Runs;

/// <summary>
/// Masks secrets in a stream of text pieces, including a secret split across pieces: the tail of
/// a piece that could be the start of a secret is held back until the next piece (or the end)
/// shows whether it is one. With no secrets nothing is held back, so output is never delayed.
/// </summary>
public sealed class StreamingSecretMasker(SecretMasker masker, IReadOnlyCollection<string> secretValues)
{
    private readonly string[] _secrets = secretValues.Where(v => v.Length > 1).ToArray();
    private string _held = "";

    /// <summary>Returns the text that is safe to emit now.</summary>
    public string Push(string piece)
    {
        var text = masker.Apply(_held + piece);
        var keep = HeldBackLength(text);
        _held = text[^keep..];
        return text[..^keep];
    }

    /// <summary>The stream ended: what was held back is not a secret's start after all.</summary>
    public string Flush()
    {
        var rest = masker.Apply(_held);
        _held = "";
        return rest;
    }

    /// <summary>Length of the longest suffix of <paramref name="text"/> that is a proper prefix of a secret.</summary>
    private int HeldBackLength(string text)
    {
        var longest = 0;
        foreach (var secret in _secrets)
            for (var length = Math.Min(secret.Length - 1, text.Length); length > longest; length--)
                if (text.AsSpan(text.Length - length).SequenceEqual(secret.AsSpan(0, length)))
                {
                    longest = length;
                    break;
                }
        return longest;
    }
}
