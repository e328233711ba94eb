using Aspire.Sandbox.Contracts.Workers;

namespace Aspire.Sandbox.IntegrationTests.Bus;

/// <summary>Workers' engine reports on a Redis of their own (the board is global), read as the Api reads them.</summary>
public sealed class EngineStatusBoardTests : IAsyncLifetime
{
    private static readonly TimeSpan LongEnough = TimeSpan.FromMinutes(1);
    private RedisServerProcess _redis = null!;
    private StackExchange.Redis.ConnectionMultiplexer _connection = null!;
    private EngineStatusBoard _board = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServerProcess.StartAsync();
        _connection = await _redis.ConnectAsync();
        _board = new EngineStatusBoard(_connection);
    }

    public async Task DisposeAsync()
    {
        _connection.Dispose();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task WithoutReportsThereAreNoWorkers()
    {
        Assert.Equal(EngineAvailability.NoWorkers, await _board.ReadAsync());
    }

    [Fact]
    public async Task OneWorkerWhoseEngineAnswersIsEnough()
    {
        await _board.ReportAsync("a", engineAnswers: false, LongEnough);
        Assert.Equal(EngineAvailability.Unavailable, await _board.ReadAsync());

        await _board.ReportAsync("b", engineAnswers: true, LongEnough);
        Assert.Equal(EngineAvailability.Available, await _board.ReadAsync());

        await _board.ReportAsync("b", engineAnswers: false, LongEnough);
        Assert.Equal(EngineAvailability.Unavailable, await _board.ReadAsync());
    }

    [Fact]
    public async Task AReportThatRanOutNoLongerCounts()
    {
        await _board.ReportAsync("stale", engineAnswers: true, TimeSpan.FromMilliseconds(200));
        await _board.ReportAsync("down", engineAnswers: false, LongEnough);
        Assert.Equal(EngineAvailability.Available, await _board.ReadAsync());

        await Task.Delay(TimeSpan.FromMilliseconds(400));

        Assert.Equal(EngineAvailability.Unavailable, await _board.ReadAsync());
    }

    [Fact]
    public async Task AWithdrawnWorkerIsForgottenAtOnce()
    {
        await _board.ReportAsync("a", engineAnswers: false, LongEnough);
        await _board.WithdrawAsync("a");

        Assert.Equal(EngineAvailability.NoWorkers, await _board.ReadAsync());
    }
}
