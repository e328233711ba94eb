using System.Collections.Concurrent;
using Aspire.Sandbox.Contracts.Frames;

namespace Aspire.Sandbox.Worker.Publishing;

/// <summary>
/// Output dropped per session while the publish buffer was full; turned into one <c>error</c> frame, placed
/// where the output went missing, as soon as that session's next frame is accepted.
/// </summary>
internal sealed class DroppedOutput(long limit)
{
    public const string Code = "output-dropped";

    private readonly ConcurrentDictionary<string, Tally> _bySession = new(StringComparer.Ordinal);

    /// <summary>Counts a dropped frame; true for the first of a session's run of drops.</summary>
    public bool Add(string sessionId, string? runId, int bytes)
    {
        var first = false;
        _bySession.AddOrUpdate(sessionId,
            _ => { first = true; return new Tally(runId, 1, bytes); },
            (_, t) => t with { Frames = t.Frames + 1, Bytes = t.Bytes + bytes });
        return first;
    }

    /// <summary>The error frame for what the session lost since its last accepted frame, or null.</summary>
    public ErrorFrame? Take(string sessionId) =>
        _bySession.IsEmpty || !_bySession.TryRemove(sessionId, out var t) ? null : new ErrorFrame
        {
            Session = sessionId,
            Run = t.RunId,
            Code = Code,
            Message = $"{t.Frames} output frames ({t.Bytes} bytes) were dropped: Redis could not take them and the worker's buffer ({limit} bytes) was full.",
        };

    private sealed record Tally(string? RunId, long Frames, long Bytes);
}
