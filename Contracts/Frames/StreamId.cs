using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Aspire.Sandbox.Contracts.Frames;

/// <summary>A Redis stream entry id (<c>ms-seq</c>): frame ids are these, ordered by both parts.</summary>
public readonly record struct StreamId(ulong Milliseconds, ulong Sequence) : IComparable<StreamId>
{
    public static readonly StreamId Zero = new(0, 0);

    public int CompareTo(StreamId other)
    {
        var byTime = Milliseconds.CompareTo(other.Milliseconds);
        return byTime != 0 ? byTime : Sequence.CompareTo(other.Sequence);
    }

    public static bool operator <(StreamId a, StreamId b) => a.CompareTo(b) < 0;
    public static bool operator >(StreamId a, StreamId b) => a.CompareTo(b) > 0;
    public static bool operator <=(StreamId a, StreamId b) => a.CompareTo(b) <= 0;
    public static bool operator >=(StreamId a, StreamId b) => a.CompareTo(b) >= 0;

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Milliseconds}-{Sequence}");

    public static StreamId Parse(string text) =>
        TryParse(text, out var id) ? id : throw new FormatException($"'{text}' is not a stream id (ms-seq).");

    public static bool TryParse([NotNullWhen(true)] string? text, out StreamId id)
    {
        id = default;
        if (string.IsNullOrEmpty(text)) return false;
        var dash = text.IndexOf('-');
        var msPart = dash < 0 ? text.AsSpan() : text.AsSpan(0, dash);
        var seqPart = dash < 0 ? "0".AsSpan() : text.AsSpan(dash + 1);
        if (!ulong.TryParse(msPart, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) ||
            !ulong.TryParse(seqPart, NumberStyles.None, CultureInfo.InvariantCulture, out var seq))
            return false;
        id = new StreamId(ms, seq);
        return true;
    }
}
