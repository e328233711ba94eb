using Aspire.Sandbox.Contracts.Frames;
using Aspire.Sandbox.IntegrationTests.Support;

namespace Aspire.Sandbox.IntegrationTests.Bus;

internal static class SequenceAssert
{
    /// <summary>The viewer got exactly the stored frames after <paramref name="after"/>: each once, in order, none missing.</summary>
    public static void ExactlyAfter(IReadOnlyList<string> stored, string? after, IReadOnlyList<string> received, string who)
    {
        var from = after is null ? StreamId.Zero : StreamId.Parse(after);
        var expected = stored.Where(id => StreamId.Parse(id) > from).ToList();
        if (expected.SequenceEqual(received)) return;
        var duplicates = received.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key).Take(5).ToList();
        var missing = expected.Except(received).Take(5).ToList();
        var firstDifference = Enumerable.Range(0, Math.Min(expected.Count, received.Count)).FirstOrDefault(i => expected[i] != received[i], -1);
        Assert.Fail($"{who} (after {after ?? "null"}): expected {expected.Count} frames, got {received.Count}; " +
            $"duplicates [{string.Join(", ", duplicates)}], missing [{string.Join(", ", missing)}], first difference at {firstDifference}");
    }

    public static List<string> Ids(this IEnumerable<ReceivedFrame> frames) => frames.Select(f => f.Id).ToList();
}
