namespace Aspire.Hosting;

/// <summary>One console line of a resource; <see cref="Source"/> names the replica, or <c>apphost</c> for our own notes.</summary>
public sealed record ResourceLogLine(long Sequence, DateTimeOffset Timestamp, string Source, bool IsError, string Text)
{
    public override string ToString() => $"[{Source}] {Text}";
}
