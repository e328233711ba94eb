using System.Text;
using Aspire.Sandbox.Worker.Runs;

namespace Aspire.Sandbox.Worker.Agents;

/// <summary>
/// Masks secrets in a stream of text deltas. A model echoes a secret token by token, so masking each
/// delta alone would never see it whole. The trailing word is held back until whitespace ends it,
/// and text goes out only in runs that end at whitespace: a secret without whitespace (keys, tokens)
/// then always lies inside one run and is masked. A word longer than <see cref="MaxHeldChars"/>
/// is released anyway so a stream without spaces still flows.
/// </summary>
public sealed class DeltaMasker(SecretMasker masker)
{
    public const int MaxHeldChars = 8 * 1024;

    private readonly StringBuilder _held = new();

    /// <summary>Takes the next delta; returns the masked text that may go out now (maybe empty).</summary>
    public string Push(string delta)
    {
        _held.Append(delta);
        var cut = LastWhitespace() + 1;
        if (cut == 0 && _held.Length < MaxHeldChars) return "";
        if (cut == 0) cut = _held.Length;
        var run = _held.ToString(0, cut);
        _held.Remove(0, cut);
        return masker.Apply(run);
    }

    /// <summary>Takes a delta that ends a block (a whole message): all of it goes out, with the held word.</summary>
    public string PushLast(string delta)
    {
        _held.Append(delta);
        return Flush();
    }

    /// <summary>Releases the held word (before another frame, or at the end).</summary>
    public string Flush()
    {
        var rest = _held.ToString();
        _held.Clear();
        return masker.Apply(rest);
    }

    private int LastWhitespace()
    {
        for (var i = _held.Length - 1; i >= 0; i--)
            if (char.IsWhiteSpace(_held[i])) return i;
        return -1;
    }
}
