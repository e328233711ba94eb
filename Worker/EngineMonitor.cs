using Aspire.Sandbox.Contracts.Workers;
using Aspire.Sandbox.Worker.Engine;
using Aspire.Sandbox.Worker.Queue;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Aspire.Sandbox.Worker;

/// <summary>
/// Asks the Docker engine every interval whether it is there, and tells two parties: the work queue consumer,
/// which claims no work while it is gone (work waits in the queue instead of failing, and a worker whose engine
/// answers takes it), and the <see cref="EngineStatusBoard"/> in Redis, from which the Api answers 503 when no
/// worker can start sandboxes.
/// </summary>
public sealed partial class EngineMonitor(
    ISandboxEngine engine,
    EngineStatusBoard board,
    WorkLease lease,
    IOptions<EngineMonitorOptions> options,
    TimeProvider time,
    ILogger<EngineMonitor> logger) : BackgroundService
{
    private readonly EngineMonitorOptions _options = options.Value;

    // Completed while the engine answers; replaced by a pending one when it stops. Written by the monitor only.
    private TaskCompletionSource _answering = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _gone;

    public bool Answers => Volatile.Read(ref _answering).Task.IsCompleted;

    /// <summary>Completes once the engine has answered (at once when it did at the last check).</summary>
    public Task WhenAnsweringAsync(CancellationToken ct) => Volatile.Read(ref _answering).Task.WaitAsync(ct);

    /// <summary>For a caller that just saw the engine fail: gives the monitor one check to notice, then waits for it to answer.</summary>
    public async Task WhenAnsweringAgainAsync(CancellationToken ct)
    {
        await Task.Delay(_options.CheckInterval, time, ct);
        await WhenAnsweringAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.CheckInterval, time);
        try
        {
            do
            {
                var answers = await CheckAsync(stoppingToken);
                await ReportAsync(answers);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        try { await board.WithdrawAsync(lease.Consumer); }
        catch (Exception e) when (e is RedisException or TimeoutException) { LogReportFailed(e); } // it runs out on its own
    }

    private async Task<bool> CheckAsync(CancellationToken stoppingToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(_options.CheckTimeout);
        try
        {
            await engine.GetVersionAsync(timeout.Token);
        }
        catch (Exception e) when (e is SandboxEngineException || (e is OperationCanceledException && !stoppingToken.IsCancellationRequested))
        {
            if (!_gone)
            {
                _gone = true;
                LogEngineGone(e is SandboxEngineException ? e.Message : $"no answer within {_options.CheckTimeout}");
                if (Answers) Volatile.Write(ref _answering, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            }
            return false;
        }
        if (_gone) LogEngineBack();
        _gone = false;
        _answering.TrySetResult();
        return true;
    }

    private async Task ReportAsync(bool answers)
    {
        try { await board.ReportAsync(lease.Consumer, answers, _options.ReportValidFor); }
        catch (Exception e) when (e is RedisException or TimeoutException) { LogReportFailed(e); }
    }

    [LoggerMessage(90, LogLevel.Error, "The Docker engine does not answer ({Reason}): this worker claims no work until it does")]
    private partial void LogEngineGone(string reason);

    [LoggerMessage(91, LogLevel.Information, "The Docker engine answers again: claiming work")]
    private partial void LogEngineBack();

    [LoggerMessage(92, LogLevel.Warning, "Could not report the Docker engine's state to Redis")]
    private partial void LogReportFailed(Exception exception);
}
