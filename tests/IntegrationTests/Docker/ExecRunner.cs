using System.Diagnostics;
using Aspire.Sandbox.Worker.Engine;

namespace Aspire.Sandbox.IntegrationTests.Docker;

/// <summary>Runs one exec to completion through the engine, the way the worker does.</summary>
internal static class ExecRunner
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static async Task<ExecResult> RunAsync(ISandboxEngine engine, string containerId, params string[] cmd)
    {
        var execId = await engine.CreateExecAsync(containerId, new ExecDefinition { Command = cmd }, CancellationToken.None)
            .WaitAsync(Timeout);
        await using var stream = await engine.StartExecAsync(execId, tty: false, CancellationToken.None).WaitAsync(Timeout);
        var chunks = await ReadToEndAsync(stream);
        return new ExecResult(chunks, await WaitForExitCodeAsync(engine, execId));
    }

    public static async Task<List<(ExecOutput Output, long Timestamp)>> ReadToEndAsync(IExecStream stream, TimeSpan? timeout = null)
    {
        var chunks = new List<(ExecOutput, long)>();
        while (await stream.ReadAsync(CancellationToken.None).AsTask().WaitAsync(timeout ?? Timeout) is { } output)
        {
            chunks.Add((output, Stopwatch.GetTimestamp()));
        }

        return chunks;
    }

    /// <summary>The exit code as the worker waits for it (<see cref="ExecExit"/>).</summary>
    public static async Task<int> WaitForExitCodeAsync(ISandboxEngine engine, string execId) =>
        await engine.WaitForExitCodeAsync(execId, CancellationToken.None) ?? throw new Xunit.Sdk.XunitException($"exec {execId} still running after {ExecExit.Patience}");
}
