using Aspire.Sandbox.Contracts.Frames;
using Aspire.Sandbox.Contracts.Redis;
using Aspire.Sandbox.Contracts.Sessions;
using Aspire.Sandbox.Contracts.Work;
using Aspire.Sandbox.Contracts.Workers;
using StackExchange.Redis;

namespace Aspire.Sandbox.IntegrationTests.Bus;

/// <summary>
/// Every Redis answer the code parses by hand (Lua returns, whose shape follows the client's protocol), read over
/// RESP3 — StackExchange.Redis 3's default, what every service speaks — and over RESP2, which a connection string
/// can still ask for. Each case covers the empty and null answers too: a script's <c>false</c>, <c>{}</c>, a
/// missing group, a missing record.
/// </summary>
public sealed class RespProtocolTests : IAsyncLifetime
{
    private static readonly TimeSpan ShortLease = TimeSpan.FromMilliseconds(300);
    private RedisServerProcess _redis = null!;

    public static TheoryData<RedisProtocol> Protocols => [RedisProtocol.Resp3, RedisProtocol.Resp2];

    public async Task InitializeAsync() => _redis = await RedisServerProcess.StartAsync();

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task ServicesSpeakResp3UnlessTheyAskOtherwise()
    {
        // What the services get: the connection string names no protocol.
        await using var connection = await ConnectionMultiplexer.ConnectAsync(_redis.ServiceConnectionString);
        Assert.Equal(RedisProtocol.Resp3, connection.GetServers().Single().Protocol);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task FrameAppendReturnsItsIdsAndARepeatedBatchReturnsNone(RedisProtocol protocol)
    {
        await using var connection = await ConnectAsync(protocol);
        var log = new FrameLog(connection);
        string[] json = [Json("one"), Json("two")];

        var ids = await log.AppendAsync("s1", json, endsSession: false, new AppendBatchId("p", 1));
        var repeated = await log.AppendAsync("s1", json, endsSession: false, new AppendBatchId("p", 1));

        Assert.Equal(2, ids.Count);
        Assert.True(StreamId.Parse(ids[0]) < StreamId.Parse(ids[1]));
        Assert.Empty(repeated);
        Assert.Equal(2, await connection.StreamLengthAsync(RedisKeys.Frames("s1")));
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task FrameReadsHonourTheirBoundsAndWithholdForeignEntries(RedisProtocol protocol)
    {
        await using var connection = await ConnectAsync(protocol);
        var log = new FrameLog(connection);
        var ids = (await log.AppendAsync("s1", [Json("one"), Json("two"), Json("three")], endsSession: false, batch: null))
            .Select(StreamId.Parse).ToArray();
        var foreign = StreamId.Parse(await connection.AddRawEntryAsync(RedisKeys.Frames("s1"), "other", Json("four")));

        Assert.Equal(StreamId.Zero, await log.ReadLastIdAsync("empty"));
        Assert.Empty(await log.ReadAfterAsync("empty", StreamId.Zero, 10));
        Assert.Equal(foreign, await log.ReadLastIdAsync("s1"));
        Assert.Equal([ids[1], ids[2]], (await log.ReadRangeAsync("s1", ids[0], ids[2], 10)).Select(f => f.Id));
        Assert.Equal([ids[0]], (await log.ReadAfterAsync("s1", StreamId.Zero, 1)).Select(f => f.Id));
        var all = await log.ReadAfterAsync("s1", StreamId.Zero, 10);
        Assert.Equal([.. ids, foreign], all.Select(f => f.Id));
        Assert.Contains("\"data\":\"two\"", all[1].Json, StringComparison.Ordinal);
        Assert.Contains(StoredFrames.MalformedCode, all[3].Json, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task WorkRowsCarryTheirIdHowAndSecrets(RedisProtocol protocol)
    {
        await using var connection = await ConnectAsync(protocol);
        var queue = new WorkQueue(connection);
        // No group yet: the read script meets NOGROUP, creates the group and reads nothing (a nil reply inside Lua).
        Assert.Empty(await queue.ReadAsync("a", 10));
        await queue.EnsureGroupAsync(); // exists already: BUSYGROUP is not an error
        await queue.RenewLeaseAsync("a", TimeSpan.FromMinutes(1));

        var plain = await queue.EnqueueAsync(new WorkItem(WorkKinds.CreateSession, "s1", null, "{}"));
        var run = await queue.EnqueueAsync(new WorkItem(WorkKinds.Run, "s1", "run_1",
            WorkQueue.Body(new RunWork(["true"], new Dictionary<string, string>(), "SEALED", null))));
        var items = await queue.ReadAsync("a", 10);

        Assert.True(StreamId.Parse(plain) < StreamId.Parse(run));
        Assert.Equal([plain, run], items.Select(i => i.EntryId));
        Assert.Equal([WorkKinds.CreateSession, WorkKinds.Run], items.Select(i => i.Kind));
        Assert.Equal([null, "run_1"], items.Select(i => i.RunId));
        Assert.All(items, i => Assert.False(i.Reclaimed));
        Assert.Equal("{}", items[0].Body);
        Assert.Equal("SEALED", WorkQueue.ReadBody<RunWork>(items[1]).SealedSecrets);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task ADeadWorkersEntriesAreReclaimedThroughXinfoAndXpending(RedisProtocol protocol)
    {
        await using var connection = await ConnectAsync(protocol);
        var queue = new WorkQueue(connection);
        await queue.EnsureGroupAsync();
        await queue.RenewLeaseAsync("dead", ShortLease);
        await queue.RenewLeaseAsync("c", TimeSpan.FromMinutes(1));
        var entry = await queue.EnqueueAsync(new WorkItem(WorkKinds.CreateSession, "s1", null, "{}"));
        Assert.Single(await queue.ReadAsync("dead", 10));

        Assert.Empty(await queue.ReclaimAsync("c", ShortLease)); // still alive
        await Task.Delay(ShortLease * 2);
        var reclaimed = await queue.ReclaimAsync("c", ShortLease);

        Assert.Equal(entry, Assert.Single(reclaimed).EntryId);
        Assert.True(reclaimed[0].Reclaimed);
        Assert.Equal("s1", reclaimed[0].SessionId);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task EngineCountsAreReadOnRedisClock(RedisProtocol protocol)
    {
        await using var connection = await ConnectAsync(protocol);
        var board = new EngineStatusBoard(connection);

        Assert.Equal(EngineAvailability.NoWorkers, await board.ReadAsync());
        await board.ReportAsync("a", engineAnswers: false, TimeSpan.FromMinutes(1));
        Assert.Equal(EngineAvailability.Unavailable, await board.ReadAsync());
        await board.ReportAsync("b", engineAnswers: true, TimeSpan.FromMinutes(1));
        Assert.Equal(EngineAvailability.Available, await board.ReadAsync());
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task SessionFencesAnswerTrueOnceAndSwapReturnsThePreviousStatusOrNull(RedisProtocol protocol)
    {
        await using var connection = await ConnectAsync(protocol);
        var store = new SessionStore(connection, TimeProvider.System);
        await store.CreateAsync("s1", "shell", name: null, "owner");
        await store.AddRunAsync("s1", "run_1");

        Assert.Null(await store.SwapStatusAsync("missing", SessionStates.Ready)); // HGET nil → Lua false → null
        Assert.Equal(SessionStates.Starting, await store.SwapStatusAsync("s1", SessionStates.Ready));
        Assert.True(await store.TryTransitionStatusAsync("s1", SessionStates.Ready, SessionStates.Running));
        Assert.False(await store.TryTransitionStatusAsync("s1", SessionStates.Ready, SessionStates.Running));
        Assert.False(await store.TryFinishRunAsync("run_1", RunStates.Exited, 0)); // queued, not running
        Assert.True(await store.TryTransitionRunAsync("run_1", RunStates.Queued, RunStates.Running));
        Assert.True(await store.TryFinishRunAsync("run_1", RunStates.Exited, 0));
        Assert.True(await store.TryEndAsync("s1", SessionStates.Stopped));
        Assert.False(await store.TryEndAsync("s1", SessionStates.Stopped));
        Assert.False(await store.TryEndAsync("gone", SessionStates.Stopped));
    }

    private async Task<ConnectionMultiplexer> ConnectAsync(RedisProtocol protocol)
    {
        var connection = await ConnectionMultiplexer.ConnectAsync(
            $"{_redis.ConnectionString},protocol={(protocol == RedisProtocol.Resp3 ? "resp3" : "resp2")}");
        // The point of each case is the protocol: fail rather than pass over another one.
        Assert.Equal(protocol, connection.GetServers().Single().Protocol);
        return connection;
    }

    private static string Json(string data) => FrameJson.Serialize(new StdoutFrame { Session = "s1", Data = data });
}
