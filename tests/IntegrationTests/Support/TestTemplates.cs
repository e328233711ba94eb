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

    /// <summary>python-web that falls asleep after three idle seconds (previews wake it).</summary>
    public const string SleepyWeb = "sleepy-web";

    /// <summary>Runs the workspace's preview_server.py (WebSocket echo, SSE) on port 9000 and exposes it.</summary>
    public const string PreviewEcho = "preview-echo";

    private const string SleepyPrefix = "Sandbox:Templates:1:";
    private const string ShortLivedPrefix = "Sandbox:Templates:2:";
    private const string SleepyWebPrefix = "Sandbox:Templates:3:";
    private const string PreviewEchoPrefix = "Sandbox:Templates:4:";

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
        $"--{SleepyWebPrefix}Name={SleepyWeb}",
        $"--{SleepyWebPrefix}Kind=shell",
        $"--{SleepyWebPrefix}IdleTimeoutSeconds=3",
        $"--{SleepyWebPrefix}Startup:ServerCommand=python3 -m http.server 8000 --bind 127.0.0.1",
        $"--{SleepyWebPrefix}Startup:ReadyPort=8000",
        $"--{SleepyWebPrefix}Startup:Expose:0=8000",
        $"--{SleepyWebPrefix}Description=python-web that sleeps after three idle seconds.",
        $"--{PreviewEchoPrefix}Name={PreviewEcho}",
        $"--{PreviewEchoPrefix}Kind=shell",
        $"--{PreviewEchoPrefix}Startup:ServerCommand=python3 preview_server.py 9000",
        $"--{PreviewEchoPrefix}Startup:ReadyPort=9000",
        $"--{PreviewEchoPrefix}Startup:Expose:0=9000",
        $"--{PreviewEchoPrefix}Description=A WebSocket echo and SSE server on port 9000.",
    ];
}
