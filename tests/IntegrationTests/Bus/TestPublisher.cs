using Aspire.Sandbox.Contracts.Frames;
using Aspire.Sandbox.Contracts.Redis;
using Aspire.Sandbox.Worker.Publishing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Aspire.Sandbox.IntegrationTests.Bus;

/// <summary>The worker's own <see cref="FramePublisher"/>, running in the test: frames enter the bus where a sandbox's output would.</summary>
public sealed class TestPublisher : IAsyncDisposable
{
    private TestPublisher(FramePublisher publisher, FrameLog log) => (Publisher, Log) = (publisher, log);

    public FramePublisher Publisher { get; }
    public FrameLog Log { get; }

    public static async Task<TestPublisher> StartAsync(IConnectionMultiplexer redis, FramePublisherOptions? options = null)
    {
        var log = new FrameLog(redis);
        var publisher = new FramePublisher(log, new WorkQueue(redis), Options.Create(options ?? new FramePublisherOptions()), NullLogger<FramePublisher>.Instance);
        await publisher.StartAsync(CancellationToken.None);
        return new TestPublisher(publisher, log);
    }

    /// <summary>A stdout frame whose data is its sequence number, so order can be checked by content too.</summary>
    public void Publish(string sessionId, int number) =>
        Publisher.Publish(new StdoutFrame { Session = sessionId, Run = "run_1", Data = number.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    /// <summary>Every id in the session's stream, oldest first.</summary>
    public async Task<List<string>> StoredIdsAsync(string sessionId)
    {
        var ids = new List<string>();
        var after = StreamId.Zero;
        while (true)
        {
            var page = await Log.ReadAfterAsync(sessionId, after, FrameLog.MaxPageSize);
            ids.AddRange(page.Select(f => f.Id.ToString()));
            if (page.Count < FrameLog.MaxPageSize) return ids;
            after = page[^1].Id;
        }
    }

    public async ValueTask DisposeAsync() => await Publisher.StopAsync(CancellationToken.None);
}
