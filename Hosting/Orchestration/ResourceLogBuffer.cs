namespace Aspire.Hosting.Orchestration;

/// <summary>The last <see cref="Capacity"/> console lines of one resource (all its replicas).</summary>
internal sealed class ResourceLogBuffer
{
    public const int Capacity = 500;

    private readonly Lock _gate = new();
    private readonly Queue<ResourceLogLine> _lines = new(Capacity);
    private long _sequence;

    public ResourceLogLine Add(string source, bool isError, string text)
    {
        lock (_gate)
        {
            var line = new ResourceLogLine(++_sequence, DateTimeOffset.UtcNow, source, isError, text);
            if (_lines.Count == Capacity)
            {
                _lines.Dequeue();
            }

            _lines.Enqueue(line);
            return line;
        }
    }

    /// <summary>Lines after <paramref name="afterSequence"/> (0 for all kept lines), oldest first.</summary>
    public IReadOnlyList<ResourceLogLine> Snapshot(long afterSequence = 0)
    {
        lock (_gate)
        {
            return [.. _lines.Where(line => line.Sequence > afterSequence)];
        }
    }
}
