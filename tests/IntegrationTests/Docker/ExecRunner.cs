using System.Diagnostics;
using Aspire.Sandbox.Worker.Docker;

namespace Aspire.Sandbox.IntegrationTests.Docker;

/// <summary>Runs one exec to completion through the client, the way the worker will.</summary>
internal static class ExecRunner
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static async Task<ExecResult> RunAsync(DockerEngineClient client, string containerId, params string[] cmd)
    {
        var execId = await client.CreateExecAsync(containerId, new ExecCreateRequest { Cmd = cmd }, CancellationToken.None)
            .WaitAsync(Timeout);
        await using var stream = await client.StartExecAsync(execId, tty: false, CancellationToken.None).WaitAsync(Timeout);
        var chunks = await ReadToEndAsync(stream);
        return new ExecResult(chunks, await WaitForExitCodeAsync(client, execId));
    }

    public static async Task<List<(ExecOutput Output, long Timestamp)>> ReadToEndAsync(ExecStream stream)
    {
        var chunks = new List<(ExecOutput, long)>();
        while (await stream.ReadAsync(CancellationToken.None).AsTask().WaitAsync(Timeout) is { } output)
        {
            chunks.Add((output, Stopwatch.GetTimestamp()));
        }

        return chunks;
    }

    /// <summary>The stream can end a moment before the engine records the exit, so poll inspect briefly.</summary>
    public static async Task<int> WaitForExitCodeAsync(DockerEngineClient client, string execId)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(Timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            var inspect = await client.InspectExecAsync(execId, CancellationToken.None).WaitAsync(Timeout);
            if (!inspect.Running && inspect.ExitCode is { } exitCode)
            {
                return exitCode;
            }

            Assert.True(Stopwatch.GetTimestamp() < deadline, $"exec {execId} still running after {Timeout}");
            await Task.Delay(TimeSpan.FromMilliseconds(10));
        }
    }
}
