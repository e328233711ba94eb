using Aspire.Sandbox.IntegrationTests.Agents;

namespace Aspire.Sandbox.IntegrationTests.Support;

/// <summary>
/// Templates the test app adds through configuration (the AppHost forwards <c>Sandbox:Templates</c>
/// to api and worker), as an operator would.
/// </summary>
public static class TestTemplates
{
    /// <summary>A shell that falls asleep after two idle seconds.</summary>
    public const string SleepyShell = "sleepy-shell";

    /// <summary>A shell whose session expires three seconds after it was created.</summary>
    public const string ShortLivedShell = "short-lived-shell";

    private const string SleepyPrefix = "Sandbox:Templates:1:";
    private const string ShortLivedPrefix = "Sandbox:Templates:2:";

    public static string[] Args =>
    [
        .. ClaudeReplayTemplate.Args,
        $"--{SleepyPrefix}Name={SleepyShell}",
        $"--{SleepyPrefix}Kind=shell",
        $"--{SleepyPrefix}IdleTimeoutSeconds=2",
        $"--{SleepyPrefix}Description=A shell that sleeps after two idle seconds.",
        $"--{ShortLivedPrefix}Name={ShortLivedShell}",
        $"--{ShortLivedPrefix}Kind=shell",
        $"--{ShortLivedPrefix}MaxLifetimeSeconds=3",
        $"--{ShortLivedPrefix}Description=A shell whose session expires after three seconds.",
    ];
}
