using Aspire.Sandbox.IntegrationTests.Support;

namespace Aspire.Sandbox.IntegrationTests.Flow;

/// <summary>
/// The black-box benchmark's path (issue 14) at CI size, judged only on delivery: a process in a real sandbox prints
/// numbered lines at 1 000 a second, and two official SignalR JS clients in Node, watching with the viewer token,
/// each get every line exactly once and in order. No timing is asserted; the bench's <c>blackbox</c> command times it.
/// </summary>
[Collection(SandboxAppCollection.Name)]
public sealed class BlackboxPathTests(SandboxAppFixture app)
{
    private const int Rate = 1_000;
    private const double Seconds = 2;
    private const int Viewers = 2;

    [Fact]
    public async Task TwoOfficialJsViewersGetEveryLineOfAThousandLinesASecondOnceAndInOrder()
    {
        var session = await app.Api.CreateSessionAsync(new { template = "shell" }, CancellationToken.None);
        Assert.Equal("ready", await app.Api.WaitForStatusAsync(session.Id, session.Token, "ready", SessionScenario.ReadyTimeout));

        await using var viewers = BlackboxViewers.Start(app.WebUrl, session.Id, session.ViewerToken, Viewers, SessionScenario.RunTimeout);
        await viewers.WaitSubscribedAsync(TimeSpan.FromSeconds(60));
        await app.Api.RunAsync(session, new { command = BlackboxViewers.EmitterCommand(Rate, Seconds) }, CancellationToken.None);
        var result = await viewers.ResultAsync(SessionScenario.RunTimeout + TimeSpan.FromSeconds(30));

        Assert.False(result.TimedOut, "not every viewer saw the run's process-exit in time");
        var expected = Enumerable.Range(0, (int)(Rate * Seconds)).Select(n => (long)n).ToArray();
        Assert.Equal(Viewers, result.Viewers.Length);
        foreach (var (viewer, i) in result.Viewers.Select((v, i) => (v, i)))
        {
            Assert.True(viewer.Exited, $"viewer {i} saw no process-exit (connection: {viewer.Closed ?? "open"})");
            Assert.True(viewer.OtherLines == 0 && viewer.Unfinished == 0, $"viewer {i}: {viewer.OtherLines} lines not the emitter's, {viewer.Unfinished} characters after the last line");
            Assert.True(expected.SequenceEqual(viewer.N), $"viewer {i} got {viewer.N.Length} lines, not 0..{expected.Length - 1} once each in order: {Difference(viewer.N, expected.Length)}");
        }
    }

    /// <summary>Where a viewer's numbers first part from 0, 1, 2, … and what is missing or repeated.</summary>
    private static string Difference(long[] got, int count)
    {
        var first = Enumerable.Range(0, Math.Min(got.Length, count)).FirstOrDefault(i => got[i] != i, Math.Min(got.Length, count));
        var missing = Enumerable.Range(0, count).Except(got.Select(n => (int)n)).Take(10);
        var repeated = got.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key).Take(10);
        return $"first difference at index {first}; missing [{string.Join(", ", missing)}…]; repeated [{string.Join(", ", repeated)}…]";
    }
}
