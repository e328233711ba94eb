using Aspire.Sandbox.Contracts.Frames;
using Aspire.Sandbox.Contracts.Redis;
using Aspire.Sandbox.Worker.Publishing;

namespace Aspire.Sandbox.IntegrationTests.Bus;

/// <summary>Redis restarted, and the Web killed and started again, while sessions stream: every viewer ends with the complete, ordered sequence.</summary>
public sealed class OutageTests : IAsyncLifetime
{
    private const int Sessions = 10;
    private static readonly TimeSpan StreamFor = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan FaultAfter = TimeSpan.FromSeconds(1.5);
    private static readonly TimeSpan WatchTimeout = TimeSpan.FromSeconds(90);
    private readonly BusTokens _tokens = new();
    private RedisServerProcess _redis = null!;
    private StackExchange.Redis.ConnectionMultiplexer _connection = null!;
    private WebProcess _web = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServerProcess.StartAsync();
        _connection = await _redis.ConnectAsync();
        _web = await WebProcess.StartAsync(_redis.ServiceConnectionString, _tokens.Key);
    }

    public async Task DisposeAsync()
    {
        await _web.DisposeAsync();
        _connection.Dispose();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task ViewersEndWithTheCompleteSequenceWhenRedisRestartsMidStream()
    {
        await using var publisher = await TestPublisher.StartAsync(_connection);
        var (sessions, viewers, watching) = Watch(Sessions);

        var framesPerSession = await StreamAsync(publisher, sessions, fault: () => _redis.RestartAsync(downtime: TimeSpan.FromSeconds(1)));

        await AssertCompleteAsync(publisher, viewers, watching, framesPerSession);
    }

    [Fact]
    public async Task ViewersResumeWithNoGapWhenTheWebIsKilledAndStartedAgain()
    {
        await using var publisher = await TestPublisher.StartAsync(_connection);
        var (sessions, viewers, watching) = Watch(3, perSession: 2);

        var framesPerSession = await StreamAsync(publisher, sessions, fault: async () =>
        {
            await _web.KillAsync();
            await _web.StartProcessAsync();
        });

        await AssertCompleteAsync(publisher, viewers, watching, framesPerSession);
        Assert.All(viewers, v => Assert.True(v.Connections >= 2, "a viewer never had to reconnect: the Web was not restarted under it"));
    }

    [Fact]
    public async Task OutputPastTheBufferWhileRedisIsAwayIsDroppedAndReportedInItsPlace()
    {
        await using var publisher = await TestPublisher.StartAsync(_connection, new FramePublisherOptions { MaxBufferedBytes = 20_000 });
        var session = $"ses_drop_{Guid.NewGuid():N}";
        await _redis.StopServerAsync();

        for (var i = 0; i < 100; i++) publisher.Publisher.Publish(new StdoutFrame { Session = session, Run = "run_1", Data = new string('x', 1000) });
        publisher.Publisher.Publish(new ProcessExitFrame { Session = session, Run = "run_1", ExitCode = 0, Reason = "exited" });
        await _redis.StartServerAsync();
        await publisher.Publisher.FlushAsync(CancellationToken.None).WaitAsync(WatchTimeout);

        var stored = await publisher.Log.ReadAfterAsync(session, StreamId.Zero, FrameLog.MaxPageSize);
        var types = stored.Select(f => System.Text.Json.JsonDocument.Parse(f.Json).RootElement.GetProperty("type").GetString()).ToList();
        var kept = types.TakeWhile(t => t == "stdout").Count();
        Assert.InRange(kept, 10, 20);
        Assert.Equal(["error", "process-exit"], types.Skip(kept));
        var error = System.Text.Json.JsonDocument.Parse(stored[kept].Json).RootElement;
        Assert.Equal("output-dropped", error.GetProperty("code").GetString());
        Assert.StartsWith($"{100 - kept} output frames", error.GetProperty("message").GetString());
    }

    private (string[] Sessions, ResumingViewer[] Viewers, Task Watching) Watch(int sessions, int perSession = 1)
    {
        var ids = Enumerable.Range(0, sessions).Select(_ => $"ses_out_{Guid.NewGuid():N}").ToArray();
        var viewers = ids.SelectMany(id => Enumerable.Range(0, perSession).Select(_ => new ResumingViewer(_web.Url, _tokens.Viewer(id), id))).ToArray();
        var deadline = new CancellationTokenSource(WatchTimeout);
        var watching = Task.WhenAll(viewers.Select(v => v.WatchUntilAsync("process-exit", deadline.Token)));
        return (ids, viewers, watching);
    }

    /// <summary>
    /// Every session prints a line a millisecond or so; the fault strikes mid-stream; each ends with its process-exit.
    /// Returns how many frames each session published (lines and the exit).
    /// </summary>
    private static async Task<int> StreamAsync(TestPublisher publisher, string[] sessions, Func<Task> fault)
    {
        await Task.Delay(500); // viewers subscribed
        var started = System.Diagnostics.Stopwatch.StartNew();
        var faulting = Task.CompletedTask;
        var n = 0;
        for (; started.Elapsed < StreamFor; n++)
        {
            foreach (var session in sessions) publisher.Publish(session, n);
            if (faulting == Task.CompletedTask && started.Elapsed > FaultAfter) faulting = Task.Run(fault);
            await Task.Delay(1);
        }
        foreach (var session in sessions) publisher.Publisher.Publish(new ProcessExitFrame { Session = session, Run = "run_1", ExitCode = 0, Reason = "exited" });
        await faulting;
        await publisher.Publisher.FlushAsync(CancellationToken.None).WaitAsync(WatchTimeout);
        return n + 1;
    }

    /// <summary>Every frame published is stored (however many a loaded machine managed to publish), and every viewer got exactly those.</summary>
    private static async Task AssertCompleteAsync(TestPublisher publisher, ResumingViewer[] viewers, Task watching, int framesPerSession)
    {
        await watching;
        for (var i = 0; i < viewers.Length; i++)
        {
            var stored = await publisher.StoredIdsAsync(viewers[i].Session);
            Assert.True(stored.Count == framesPerSession, $"{stored.Count} of {framesPerSession} frames were stored for {viewers[i].Session}");
            SequenceAssert.ExactlyAfter(stored, null, viewers[i].Received, $"viewer {i} ({viewers[i].Connections} connections)");
        }
    }
}
