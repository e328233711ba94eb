using System.Diagnostics;
using Aspire.Sandbox.IntegrationTests.Support;

namespace Aspire.Sandbox.IntegrationTests.Hosting;

/// <summary>
/// However the AppHost is stopped, nothing it started keeps running: no service process, no DCP, no Redis
/// container and — what DCP cannot know about — no sandbox container running untrusted code unwatched.
/// </summary>
public class AppHostLifecycleTests
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan CleanupTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task SigtermToTheWholeProcessGroupLeavesNoProcessAndNoContainer()
    {
        await using var host = await AppHostProcess.StartAsync();
        var sessionId = await StartSandboxAsync(host);
        var processes = host.OrchestratedProcesses();
        var redis = await RedisContainerAsync(processes);
        Assert.NotEmpty(await SandboxContainerAsync(sessionId));

        await host.TerminateGroupAsync(StopTimeout);

        // The AppHost waits for DCP's clean-up before it exits (DcpPublisher:WaitForResourceCleanup).
        var left = await SandboxContainerAsync(sessionId);
        Assert.True(left.Length == 0, $"sandbox {left} outlived the AppHost, whose last lines were:\n{string.Join('\n', host.Output.TakeLast(40))}");
        Assert.Empty(await DockerCommand.RunAsync("ps", "-aq", "--filter", $"id={redis}"));
        await WaitUntilAsync(() => !processes.Any(ProcessTree.IsAlive), TimeSpan.FromSeconds(10));

        // The operator's key (SANDBOX_API_KEY) is never echoed: console output lands in journals and CI logs.
        Assert.Contains(host.Output, line => line.Contains("Now listening", StringComparison.Ordinal) || line.Contains("Dashboard", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Output, line => line.Contains(host.ApiKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AfterTheAppHostIsKilledDcpRemovesWhatItRanAndTheNextStartRemovesTheSandboxes()
    {
        string sessionId;
        IReadOnlyList<int> processes;
        string redis;
        await using (var host = await AppHostProcess.StartAsync())
        {
            sessionId = await StartSandboxAsync(host);
            processes = host.OrchestratedProcesses();
            redis = await RedisContainerAsync(processes);
            using var appHost = Process.GetProcessById(host.AppHostPid);
            appHost.Kill(); // SIGKILL: nothing of the AppHost's own shutdown runs
            await appHost.WaitForExitAsync().WaitAsync(StopTimeout);

            // DCP watches the AppHost and removes everything it ran.
            await WaitUntilAsync(() => !processes.Any(ProcessTree.IsAlive), CleanupTimeout);
            await WaitUntilAsync(async () => (await DockerCommand.RunAsync("ps", "-aq", "--filter", $"id={redis}")).Length == 0, CleanupTimeout);
        }

        // A sandbox no live AppHost owns goes, at the latest when the next AppHost starts.
        await using var next = await AppHostProcess.StartAsync();
        Assert.Empty(await SandboxContainerAsync(sessionId));
    }

    private static async Task<string> StartSandboxAsync(AppHostProcess host)
    {
        using var http = new HttpClient { BaseAddress = host.ApiUrl, Timeout = TimeSpan.FromSeconds(30) };
        var api = new SandboxApiClient(http, host.ApiKey);
        var session = await api.CreateSessionAsync(new { template = "shell" }, CancellationToken.None);
        Assert.Equal("ready", await api.WaitForStatusAsync(session.Id, session.Token, "ready", TimeSpan.FromSeconds(90)));
        return session.Id;
    }

    private static Task<string> SandboxContainerAsync(string sessionId) =>
        DockerCommand.RunAsync("ps", "-aq", "--filter", $"label=aspire-sandbox.session={sessionId}");

    /// <summary>The Redis container DCP runs for this AppHost: the one its container monitor watches.</summary>
    private static async Task<string> RedisContainerAsync(IReadOnlyList<int> processes)
    {
        var monitor = processes.Select(ProcessTree.CommandLine).Single(c => c.Contains("monitor-container", StringComparison.Ordinal));
        var id = monitor.Split(' ').SkipWhile(a => a != "--containerID").Skip(1).First();
        Assert.NotEmpty(await DockerCommand.RunAsync("ps", "-q", "--filter", $"id={id}"));
        return id;
    }

    private static Task WaitUntilAsync(Func<bool> done, TimeSpan timeout) => WaitUntilAsync(() => Task.FromResult(done()), timeout);

    private static async Task WaitUntilAsync(Func<Task<bool>> done, TimeSpan timeout)
    {
        var waited = Stopwatch.StartNew();
        while (!await done())
        {
            if (waited.Elapsed > timeout) throw new TimeoutException($"not done within {timeout}");
            await Task.Delay(250);
        }
    }
}
