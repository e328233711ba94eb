using System.Text;

namespace Aspire.Sandbox.Worker.Agents;

/// <summary>
/// Reassembles lines from stdout text cut anywhere. Only a line that starts with <c>{</c> can be an
/// agent event, so only such a line is held until its newline; any other text streams through at
/// once (a shell prompt or progress bar is not delayed). A held line over <see cref="MaxLineChars"/>
/// stops being a candidate and streams through too, so memory stays bounded whatever the agent prints.
/// </summary>
public sealed class LineAssembler(int maxLineChars = LineAssembler.MaxLineChars)
{
    /// <summary>4 Mi characters: far above any real event line, small enough to hold per run.</summary>
    public const int MaxLineChars = 4 * 1024 * 1024;

    private enum Mode { LineStart, Candidate, PassThrough }

    private readonly StringBuilder _held = new();
    private Mode _mode = Mode.LineStart;

    public List<LinePiece> Push(string text)
    {
        var pieces = new List<LinePiece>();
        var i = 0;
        while (i < text.Length)
        {
            i = _mode switch
            {
                Mode.LineStart => ReadLineStart(text, i, pieces),
                Mode.Candidate => ReadCandidate(text, i, pieces),
                _ => ReadPassThrough(text, i, pieces),
            };
        }
        return pieces;
    }

    /// <summary>End of output: whatever is held comes out (a last line without its newline).</summary>
    public List<LinePiece> Flush()
    {
        var pieces = new List<LinePiece>();
        if (_held.Length > 0) pieces.Add(new LinePiece(_held.ToString(), _mode == Mode.Candidate));
        _held.Clear();
        _mode = Mode.LineStart;
        return pieces;
    }

    // Leading blanks are held until the first visible character decides what the line is.
    private int ReadLineStart(string text, int i, List<LinePiece> pieces)
    {
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '{')
            {
                _mode = Mode.Candidate;
                return i;
            }
            if (c == '\n' || !char.IsWhiteSpace(c) || _held.Length >= maxLineChars)
            {
                ReleaseHeld(pieces);
                _mode = Mode.PassThrough;
                return i;
            }
            _held.Append(c);
        }
        return i;
    }

    private int ReadCandidate(string text, int i, List<LinePiece> pieces)
    {
        var newline = text.IndexOf('\n', i);
        var end = newline < 0 ? text.Length : newline + 1;
        if (_held.Length + (end - i) > maxLineChars)
        {
            // Too long to be an event worth holding: what we have goes out as plain output.
            ReleaseHeld(pieces);
            _mode = Mode.PassThrough;
            return i;
        }
        _held.Append(text, i, end - i);
        if (newline >= 0)
        {
            pieces.Add(new LinePiece(_held.ToString(), true));
            _held.Clear();
            _mode = Mode.LineStart;
        }
        return end;
    }

    private void ReleaseHeld(List<LinePiece> pieces)
    {
        if (_held.Length > 0) pieces.Add(new LinePiece(_held.ToString(), false));
        _held.Clear();
    }

    private int ReadPassThrough(string text, int i, List<LinePiece> pieces)
    {
        var newline = text.IndexOf('\n', i);
        var end = newline < 0 ? text.Length : newline + 1;
        if (end > i) pieces.Add(new LinePiece(text[i..end], false));
        if (newline >= 0) _mode = Mode.LineStart;
        return end;
    }
}
