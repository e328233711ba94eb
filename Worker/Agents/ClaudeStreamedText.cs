using System.Text;
using Aspire.Sandbox.Worker.Runs;

namespace Aspire.Sandbox.Worker.Agents;

/// <summary>
/// The text of one Claude message already shown from partial deltas, and how much of it the full
/// <c>assistant</c> line has accounted for. The full line repeats what the deltas said (sometimes in
/// one line per content block), so each full text block is matched against what was streamed:
/// only what the deltas did not show is emitted, and nothing is shown twice. Both sides are
/// compared masked: the worker masks a secret in the raw line of the full message, while the
/// deltas that spelled it out in pieces each held only a part of it.
/// </summary>
public sealed class ClaudeStreamedText(SecretMasker masker)
{
    private readonly StringBuilder _text = new();
    private int _cursor;

    /// <summary>Too much to keep for matching: the deltas are then taken as the whole text.</summary>
    public bool Overflowed { get; private set; }

    public void Append(string delta)
    {
        if (Overflowed) return;
        if (_text.Length + delta.Length > LineAssembler.MaxLineChars) Overflowed = true;
        else _text.Append(delta);
    }

    /// <summary>Returns the part of a full text block the deltas have not shown (empty when they showed all of it), or null if it was never streamed.</summary>
    public string? Unshown(string block)
    {
        if (Overflowed) return "";
        var all = masker.Apply(_text.ToString());
        block = masker.Apply(block);
        if (_cursor >= all.Length) return null;
        var streamed = all[_cursor..];
        if (streamed.StartsWith(block, StringComparison.Ordinal))
        {
            _cursor += block.Length;
            return "";
        }
        if (block.StartsWith(streamed, StringComparison.Ordinal))
        {
            // The stream was cut short (the CLI died or dropped partials): show the rest.
            _cursor = all.Length;
            return block[streamed.Length..];
        }
        return null;
    }
}
