namespace Aspire.Sandbox.Worker.Engine;

/// <summary>
/// The live connection of a started exec: output in, stdin out. One reader and one writer may use it at once.
/// Disposing closes the connection; it does not end the process.
/// </summary>
public interface IExecStream : IAsyncDisposable
{
    /// <summary>The next chunk of output as soon as it arrived, or null once the process ended and the stream closed.</summary>
    ValueTask<ExecOutput?> ReadAsync(CancellationToken ct);

    ValueTask WriteStdinAsync(ReadOnlyMemory<byte> data, CancellationToken ct);

    /// <summary>The process reads end-of-file; its output keeps flowing.</summary>
    ValueTask CloseStdinAsync();
}
