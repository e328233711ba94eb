namespace Aspire.Sandbox.Worker.Engine;

/// <summary>
/// An exec's output ends as its process ends, but the engine records the exit code a moment later: on a busy
/// machine (the exit event queued behind others) that moment has been seen to last seconds. So the code is polled,
/// quickly at first, then less often, up to <see cref="Patience"/>.
/// </summary>
public static class ExecExit
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan FirstInterval = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan LongestInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>The exit code once the engine has it; null if it still reports the exec running after <see cref="Patience"/>.</summary>
    public static async Task<int?> WaitForExitCodeAsync(this ISandboxEngine engine, string execId, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + Patience;
        for (var interval = FirstInterval; ; interval = Min(interval * 2, LongestInterval))
        {
            var state = await engine.InspectExecAsync(execId, ct);
            if (!state.Running) return state.ExitCode;
            if (DateTime.UtcNow >= deadline) return null;
            await Task.Delay(interval, ct);
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
