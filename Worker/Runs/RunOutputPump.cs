using Aspire.Sandbox.Contracts.Frames;
using Aspire.Sandbox.Worker.Agents;
using Aspire.Sandbox.Worker.Engine;
using Aspire.Sandbox.Worker.Publishing;

namespace Aspire.Sandbox.Worker.Runs;

/// <summary>
/// Turns one run's output chunks into frames as they are read: stdout/stderr (or terminal for a
/// PTY), decoded, secrets masked (also across reads), agent stdout through the template's parser.
/// </summary>
public sealed class RunOutputPump(
    FramePublisher frames, string sessionId, string runId, bool tty, SecretMasker masker,
    IReadOnlyCollection<string> secrets, IAgentOutputParser? parser)
{
    private readonly Channel _stdout = new(new OutputDecoder(), new StreamingSecretMasker(masker, secrets));
    private readonly Channel _stderr = new(new OutputDecoder(), new StreamingSecretMasker(masker, secrets));

    /// <summary>The conversation id the agent announced last (an <c>agent-session</c> frame), if any.</summary>
    public string? AgentSessionId { get; private set; }

    public async Task RunAsync(IExecStream stream, CancellationToken ct)
    {
        while (await stream.ReadAsync(ct) is { } chunk)
        {
            var kind = chunk.Kind == StreamKind.Stderr ? StreamKind.Stderr : StreamKind.Stdout;
            var channel = kind == StreamKind.Stderr ? _stderr : _stdout;
            foreach (var piece in channel.Decoder.Decode(chunk.Data))
            {
                if (piece.Encoding is not null) Emit(kind, piece.Data, piece.Encoding); // binary: nothing to mask in text form
                else Emit(kind, channel.Masker.Push(piece.Data), null);
            }
        }
        Emit(StreamKind.Stdout, _stdout.Masker.Flush(), null);
        Emit(StreamKind.Stderr, _stderr.Masker.Flush(), null);
        foreach (var frame in parser?.Complete() ?? []) Publish(frame);
    }

    private void Publish(Frame frame)
    {
        if (frame is AgentSessionFrame agentSession) AgentSessionId = agentSession.AgentSessionId;
        frames.Publish(frame);
    }

    private void Emit(StreamKind kind, string data, string? encoding)
    {
        if (data.Length == 0) return;
        if (tty)
        {
            frames.Publish(new TerminalFrame { Session = sessionId, Run = runId, Data = data, Encoding = encoding });
            return;
        }
        if (kind == StreamKind.Stdout && parser is not null && encoding is null)
        {
            foreach (var frame in parser.Feed(data)) Publish(frame);
            return;
        }
        frames.Publish(kind == StreamKind.Stderr
            ? new StderrFrame { Session = sessionId, Run = runId, Data = data, Encoding = encoding }
            : new StdoutFrame { Session = sessionId, Run = runId, Data = data, Encoding = encoding });
    }

    private sealed record Channel(OutputDecoder Decoder, StreamingSecretMasker Masker);
}
