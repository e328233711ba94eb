using System.Threading.Channels;

namespace Aspire.Sandbox.Worker.Runs;

/// <summary>
/// A run executing now in this worker: what control messages (input, resize, stop) act on.
/// The container id and exec id pin it to one process, so a stale message cannot reach another.
/// </summary>
public sealed class ActiveRun(string sessionId, string runId, string containerId, bool tty)
{
    private readonly TaskCompletionSource<string> _stopRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string SessionId { get; } = sessionId;
    public string RunId { get; } = runId;
    public string ContainerId { get; } = containerId;
    public bool Tty { get; } = tty;
    public string? ExecId { get; set; }

    /// <summary>Input in arrival order; one writer task forwards it to the process.</summary>
    public Channel<string> Input { get; } = Channel.CreateBounded<string>(new BoundedChannelOptions(1024)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.DropWrite,
    });

    /// <summary>Completes with the reason (<c>stopped</c> or <c>timeout</c>) once a stop is requested.</summary>
    public Task<string> StopRequested => _stopRequested.Task;

    public bool RequestStop(string reason) => _stopRequested.TrySetResult(reason);
}
