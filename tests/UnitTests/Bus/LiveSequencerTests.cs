using Aspire.Sandbox.Contracts.Frames;
using Aspire.Sandbox.Contracts.Redis;

namespace Aspire.Sandbox.UnitTests.Bus;

public sealed class LiveSequencerTests
{
    [Fact]
    public void ConsecutiveMessagesAreTakenInOrder()
    {
        var sequencer = new LiveSequencer(Id(1));
        var taken = new List<RawFrame>();

        Assert.True(sequencer.TryAccept(Message(1, 2, 3), taken));
        Assert.True(sequencer.TryAccept(Message(3, 4), taken));

        Assert.Equal([2, 3, 4], taken.Select(f => (int)f.Id.Milliseconds));
        Assert.Equal(Id(4), sequencer.Last);
    }

    [Fact]
    public void FramesAlreadyTakenAreSkippedAndTheRestOfTheMessageIsTaken()
    {
        var sequencer = new LiveSequencer(Id(3));
        var taken = new List<RawFrame>();

        Assert.True(sequencer.TryAccept(Message(1, 2, 3, 4, 5), taken));
        Assert.True(sequencer.TryAccept(Message(2, 3), taken));

        Assert.Equal([4, 5], taken.Select(f => (int)f.Id.Milliseconds));
    }

    [Fact]
    public void AMissingMessageIsAGapAndNothingAfterItIsTaken()
    {
        var sequencer = new LiveSequencer(Id(2));
        var taken = new List<RawFrame>();

        Assert.False(sequencer.TryAccept(Message(3, 4, 5), taken));

        Assert.Empty(taken);
        Assert.Equal(Id(2), sequencer.Last);
    }

    [Fact]
    public void AFillMovesThePositionSoLaterLiveMessagesContinueFromIt()
    {
        var sequencer = new LiveSequencer(Id(2));
        var taken = new List<RawFrame>();

        sequencer.AcceptFilled([Frame(3), Frame(4), Frame(5)]);

        Assert.True(sequencer.TryAccept(Message(3, 4, 5, 6), taken));
        Assert.Equal([6], taken.Select(f => (int)f.Id.Milliseconds));
    }

    private static StreamId Id(int ms) => new((ulong)ms, 0);

    private static RawFrame Frame(int ms) => new(Id(ms), $$"""{"id":"{{ms}}-0","type":"stdout"}""");

    /// <summary>A message whose frame before the first is <paramref name="previous"/>.</summary>
    private static LiveMessage Message(int previous, params int[] frames) => new(Id(previous), frames.Select(Frame).ToArray());
}
