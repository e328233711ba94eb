using Aspire.Sandbox.Contracts.Frames;
using Aspire.Sandbox.Contracts.Redis;
using Aspire.Sandbox.Contracts.Work;

namespace Aspire.Sandbox.IntegrationTests.Bus;

/// <summary>
/// The work stream on a Redis of its own (the queue is global): per-session order across workers, leases,
/// adoption of a dead worker's entries, acknowledgement, and sealed secrets that leave Redis at run start.
/// </summary>
public sealed class WorkQueueTests : IAsyncLifetime
{
    private static readonly TimeSpan ShortLease = TimeSpan.FromMilliseconds(400);
    private RedisServerProcess _redis = null!;
    private StackExchange.Redis.ConnectionMultiplexer _connection = null!;
    private WorkQueue _queue = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServerProcess.StartAsync();
        _connection = await _redis.ConnectAsync();
        _queue = new WorkQueue(_connection);
        await _queue.EnsureGroupAsync();
    }

    public async Task DisposeAsync()
    {
        _connection.Dispose();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task ASessionsLaterWorkGoesToTheWorkerDrivingItInOrder()
    {
        await Live("a", "b");
        await Enqueue("s1", "create");
        Assert.Equal(["create"], Bodies(await _queue.ReadAsync("a", 10)));

        await Enqueue("s1", "run1");
        await Enqueue("s2", "other");
        await Enqueue("s1", "run2");
        Assert.Equal(["other"], Bodies(await _queue.ReadAsync("b", 10)));

        var handed = await _queue.ReadAsync("a", 10);
        Assert.Equal(["run1", "run2"], Bodies(handed));
        Assert.All(handed, i => Assert.False(i.Reclaimed));
    }

    [Fact]
    public async Task ADeadWorkersEntriesAreAdoptedBeforeItsSessionsNewWorkAndMarkedReclaimed()
    {
        await _queue.RenewLeaseAsync("a", ShortLease);
        await Live("b");
        await Enqueue("s1", "running");
        await Enqueue("s1", "queued");
        Assert.Equal(["running", "queued"], Bodies(await _queue.ReadAsync("a", 10)));

        await Task.Delay(ShortLease * 2); // a stops renewing: dead
        await Enqueue("s1", "next");
        var adopted = await _queue.ReadAsync("b", 10);

        Assert.Equal(["running", "queued", "next"], Bodies(adopted));
        Assert.Equal([true, true, false], adopted.Select(i => i.Reclaimed));
        await Enqueue("s1", "after");
        Assert.Empty(await _queue.ReadAsync("a", 10));
        Assert.Equal(["after"], Bodies(await _queue.ReadAsync("b", 10)));
    }

    [Fact]
    public async Task ADeadWorkersEntriesAreReclaimedWithoutNewWorkAndALiveWorkersNeverAre()
    {
        await _queue.RenewLeaseAsync("dead", ShortLease);
        await Live("alive", "c");
        await Enqueue("s1", "long-run");
        await Enqueue("s2", "lost-run");
        Assert.Single(await _queue.ReadAsync("alive", 1));
        Assert.Single(await _queue.ReadAsync("dead", 1));

        await Task.Delay(ShortLease * 2);
        await Live("alive");
        var reclaimed = await _queue.ReclaimAsync("c", ShortLease);

        Assert.Equal(["lost-run"], Bodies(reclaimed));
        Assert.True(reclaimed[0].Reclaimed);
        Assert.Empty(await _queue.ReclaimAsync("c", ShortLease));
    }

    [Fact]
    public async Task AnAcknowledgedEntryLeavesTheStreamAndIsNeverDeliveredAgain()
    {
        await Live("a");
        await Enqueue("s1", "work");
        var item = (await _queue.ReadAsync("a", 10)).Single();

        await _queue.AcknowledgeAsync(item.EntryId!, item.RunId);

        Assert.Equal(0, await _connection.StreamLengthAsync(RedisKeys.Work));
        await _queue.ReleaseLeaseAsync("a");
        await Task.Delay(ShortLease * 2);
        Assert.Empty(await _queue.ReclaimAsync("b", ShortLease));
    }

    [Fact]
    public async Task SealedSecretsWaitOutsideTheStreamAndLeaveRedisWhenTheRunStarts()
    {
        await Live("a");
        await _queue.EnqueueAsync(new WorkItem(WorkKinds.Run, "s1", "run_1",
            WorkQueue.Body(new RunWork(["true"], new Dictionary<string, string>(), "SEALED-BLOB", null))));

        Assert.DoesNotContain(await _connection.RawEntriesAsync(RedisKeys.Work), e => e.Contains("SEALED-BLOB"));
        Assert.Equal("SEALED-BLOB", (string?)await _connection.GetDatabase().StringGetAsync(RedisKeys.RunSecrets("run_1")));
        var item = (await _queue.ReadAsync("a", 10)).Single();
        Assert.Equal("SEALED-BLOB", WorkQueue.ReadBody<RunWork>(item).SealedSecrets);

        await using (var publisher = await TestPublisher.StartAsync(_connection))
        {
            publisher.Publisher.Publish(new RunStartedFrame { Session = "s1", Run = "run_1", Command = ["true"] });
            await publisher.Publisher.FlushAsync(CancellationToken.None);
            await WaitUntil(async () => !await _connection.GetDatabase().KeyExistsAsync(RedisKeys.RunSecrets("run_1")));
        }
    }

    [Fact]
    public async Task AcknowledgingARunThatNeverStartedDeletesItsSecrets()
    {
        await Live("a");
        await _queue.EnqueueAsync(new WorkItem(WorkKinds.Run, "s1", "run_2",
            WorkQueue.Body(new RunWork(["true"], new Dictionary<string, string>(), "SEALED", null))));
        var item = (await _queue.ReadAsync("a", 10)).Single();

        await _queue.AcknowledgeAsync(item.EntryId!, item.RunId);

        Assert.False(await _connection.GetDatabase().KeyExistsAsync(RedisKeys.RunSecrets("run_2")));
    }

    [Fact]
    public async Task TheQueueSurvivesItsGroupBeingGone()
    {
        await _connection.GetDatabase().KeyDeleteAsync(RedisKeys.Work);
        await Live("a");
        await Enqueue("s1", "after-loss");

        Assert.Equal(["after-loss"], Bodies(await _queue.ReadAsync("a", 10)));
    }

    private async Task Live(params string[] consumers)
    {
        foreach (var consumer in consumers) await _queue.RenewLeaseAsync(consumer, TimeSpan.FromMinutes(1));
    }

    private Task<string> Enqueue(string session, string body) =>
        _queue.EnqueueAsync(new WorkItem(WorkKinds.CreateSession, session, null, $"\"{body}\""));

    private static List<string> Bodies(IEnumerable<WorkItem> items) => items.Select(i => i.Body.Trim('"')).ToList();

    private static async Task WaitUntil(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 100 && !await condition(); i++) await Task.Delay(50);
        Assert.True(await condition());
    }
}
