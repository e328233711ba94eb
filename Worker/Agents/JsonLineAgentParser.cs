using System.Text;
using System.Text.Json;
using Aspire.Sandbox.Contracts.Frames;
using Aspire.Sandbox.Worker.Runs;

namespace Aspire.Sandbox.Worker.Agents;

/// <summary>
/// What every JSON-lines agent parser shares: lines reassembled from arbitrary pieces, lines that are
/// not a known event kept as stdout data (coalesced, masked, at most 64 KiB a frame), text deltas
/// masked as a stream, at most one <c>done</c>, and a fallback <c>done</c> at the end. Subclasses map
/// one parsed event to frames through the <c>Emit…</c> methods, which are the only way frames are
/// made: none of them can make a control frame, whatever the agent prints.
/// </summary>
public abstract class JsonLineAgentParser : IAgentOutputParser
{
    // Plain output between events goes out as one frame per Feed, unless it grows past this.
    private const int MaxPendingStdoutChars = 4 * OutputDecoder.MaxFrameBytes;
    private const int MaxAnswerChars = LineAssembler.MaxLineChars;
    private const string BlockSeparator = "\n\n";

    private readonly LineAssembler _lines = new();
    private readonly List<Frame> _frames = [];
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _answer = new();
    private readonly DeltaMasker _deltas;
    private bool _anyText;
    private bool _separateNextText;

    // The agent spoke its protocol at least once: only then does the end need a done.
    private bool _answering;

    protected JsonLineAgentParser(string sessionId, string runId, SecretMasker masker)
    {
        SessionId = sessionId;
        RunId = runId;
        Masker = masker;
        _deltas = new DeltaMasker(masker);
    }

    protected string SessionId { get; }
    protected string RunId { get; }
    protected SecretMasker Masker { get; }

    /// <summary>A <c>done</c> went out: later ones are not the end of this answer.</summary>
    protected bool DoneEmitted { get; private set; }

    public IEnumerable<Frame> Feed(string text)
    {
        foreach (var piece in _lines.Push(text)) Handle(piece);
        FlushStdout();
        return Take();
    }

    public IEnumerable<Frame> Complete()
    {
        foreach (var piece in _lines.Flush()) Handle(piece);
        FlushStdout();
        FlushText();
        // The CLI may die or hang up without its final event: the answer still ends, with what it said.
        if (_answering) EmitDone(null, null);
        return Take();
    }

    /// <summary>Maps one JSON object line; false means "not an event I know", and the line stays stdout data.</summary>
    protected abstract bool HandleEvent(JsonElement line);

    /// <summary>
    /// Shows the next piece of the answer. A <paramref name="wholeBlock"/> (a full message, not a
    /// streamed piece) goes out at once; a streamed piece may keep its last word back for masking.
    /// </summary>
    protected void EmitText(string text, bool wholeBlock = false)
    {
        if (text.Length == 0) return;
        FlushStdout();
        if (_separateNextText && _anyText) text = BlockSeparator + text;
        _separateNextText = false;
        _anyText = true;
        AddText(wholeBlock ? _deltas.PushLast(text) : _deltas.Push(text));
    }

    /// <summary>The next text starts a new block (a new message or content block): keep it apart from the last.</summary>
    protected void SeparateNextText() => _separateNextText = true;

    protected void EmitToolStart(string toolId, string name, JsonElement? input) => Emit(new ToolStartFrame
    {
        Session = SessionId, Run = RunId, ToolId = Masker.Apply(toolId), Name = Masker.Apply(name),
        Input = input is { } value ? JsonMasking.Mask(value, Masker) : null,
    });

    protected void EmitToolResult(string toolId, string output, bool isError) => Emit(new ToolResultFrame
    {
        Session = SessionId, Run = RunId, ToolId = Masker.Apply(toolId), Output = Masker.Apply(output), IsError = isError,
    });

    protected void EmitAgentSession(string agentSessionId) =>
        Emit(new AgentSessionFrame { Session = SessionId, Run = RunId, AgentSessionId = Masker.Apply(agentSessionId) });

    protected void EmitError(string code, string message) =>
        Emit(new ErrorFrame { Session = SessionId, Run = RunId, Code = Masker.Apply(code), Message = Masker.Apply(message) });

    /// <summary>Ends the answer; <paramref name="text"/> null means "the text streamed so far". False if it had ended already.</summary>
    protected bool EmitDone(string? text, JsonElement? usage)
    {
        if (DoneEmitted) return false;
        FlushStdout();
        FlushText();
        _frames.Add(new DoneFrame
        {
            Session = SessionId, Run = RunId,
            Text = text is null ? _answer.ToString() : Masker.Apply(text),
            Usage = usage is { } value ? JsonMasking.Mask(value, Masker) : null,
        });
        DoneEmitted = true;
        return true;
    }

    private void Emit(Frame frame)
    {
        FlushStdout();
        FlushText();
        _frames.Add(frame);
    }

    private void Handle(LinePiece piece)
    {
        if (piece.IsCandidate && TryHandleLine(piece.Text)) return;
        // Order is kept: a word held back by the delta masker goes out before this output.
        FlushText();
        _stdout.Append(piece.Text);
        if (_stdout.Length >= MaxPendingStdoutChars) FlushStdout();
    }

    private bool TryHandleLine(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            if (document.RootElement.ValueKind != JsonValueKind.Object || !HandleEvent(document.RootElement)) return false;
            _answering = true;
            return true;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            // Malformed, or a shape no parser expected: it is kept as output, never a crash.
            return false;
        }
    }

    private void AddText(string text)
    {
        if (text.Length == 0) return;
        if (_answer.Length < MaxAnswerChars) _answer.Append(text.AsSpan(0, Math.Min(text.Length, MaxAnswerChars - _answer.Length)));
        foreach (var piece in Utf8Chunks.Split(text, OutputDecoder.MaxFrameBytes))
            _frames.Add(new TextDeltaFrame { Session = SessionId, Run = RunId, Text = piece });
    }

    private void FlushText() => AddText(_deltas.Flush());

    private void FlushStdout()
    {
        if (_stdout.Length == 0) return;
        var data = Masker.Apply(_stdout.ToString());
        _stdout.Clear();
        foreach (var piece in Utf8Chunks.Split(data, OutputDecoder.MaxFrameBytes))
            _frames.Add(new StdoutFrame { Session = SessionId, Run = RunId, Data = piece });
    }

    private Frame[] Take()
    {
        var frames = _frames.ToArray();
        _frames.Clear();
        return frames;
    }
}
