using System.Globalization;
using Aspire.Sandbox.Contracts.Frames;
using Aspire.Sandbox.Contracts.Templates;
using Aspire.Sandbox.Worker.Publishing;

namespace Aspire.Sandbox.Worker.Sandboxes;

/// <summary>
/// A template's start-up steps after its files are written: setup command, background server,
/// readiness probe. Each reports a <c>progress</c> frame; a failure says which step and why, with
/// the step's output, and the session does not become ready.
/// </summary>
public sealed class StartupSteps(SandboxCommand command, FramePublisher frames)
{
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(250);
    private const int OutputTail = 4_000;

    /// <summary>Environment marker of the template's server, so stopping a run never touches it.</summary>
    public const string ServerMarker = "SBX_RUN=template-server";

    /// <summary>Runs the steps; returns null when all succeeded, else the failure to report.</summary>
    public async Task<StepFailure?> RunAsync(string sessionId, string containerId, TemplateStartup startup, CancellationToken ct)
    {
        if (startup.SetupCommand is { } setup)
        {
            Progress(sessionId, "installing_dependencies", $"Running: {setup}");
            var result = await command.RunAsync(containerId, ["bash", "-lc", setup], ct);
            if (result.ExitCode != 0)
                return new("installing_dependencies", $"The setup command exited with {Describe(result.ExitCode)}.", result.Output);
        }
        if (startup.ServerCommand is { } server)
        {
            Progress(sessionId, "starting_server", $"Starting in the background: {server}");
            var launch = $"nohup bash -lc {Quote(server)} > {TemplateStartup.ServerLogPath} 2>&1 & echo started";
            var result = await command.RunAsync(containerId, ["bash", "-c", launch], ct, [ServerMarker]);
            if (result.ExitCode != 0) return new("starting_server", "The server could not be started.", result.Output);
        }
        if (startup.HasProbe) return await WaitForReadyAsync(sessionId, containerId, startup, ct);
        return null;
    }

    private async Task<StepFailure?> WaitForReadyAsync(string sessionId, string containerId, TemplateStartup startup, CancellationToken ct)
    {
        var what = startup.ReadyPort is { } port ? string.Create(CultureInfo.InvariantCulture, $"port {port} to answer") : $"'{startup.ReadyCommand}' to succeed";
        Progress(sessionId, "waiting_for_ready", $"Waiting for {what}");
        var probe = startup.ReadyPort is { } p
            ? string.Create(CultureInfo.InvariantCulture, $"exec 3<>/dev/tcp/127.0.0.1/{p}")
            : startup.ReadyCommand!;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(startup.ReadyTimeoutSeconds);
        while (true)
        {
            var result = await command.RunAsync(containerId, ["bash", "-c", probe], ct);
            if (result.ExitCode == 0) return null;
            if (DateTime.UtcNow >= deadline)
            {
                var log = startup.ServerCommand is null ? result.Output
                    : (await command.RunAsync(containerId, ["tail", "-c", OutputTail.ToString(CultureInfo.InvariantCulture), TemplateStartup.ServerLogPath], ct)).Output;
                return new("waiting_for_ready", $"Gave up waiting for {what} after {startup.ReadyTimeoutSeconds} s.", log);
            }
            await Task.Delay(ProbeInterval, ct);
        }
    }

    private void Progress(string sessionId, string step, string message) =>
        frames.Publish(new ProgressFrame { Session = sessionId, Step = step, Message = message });

    private static string Describe(int? exitCode) => exitCode?.ToString(CultureInfo.InvariantCulture) ?? "no exit code";

    private static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}

/// <summary>Which start-up step failed, why, and what it printed (the tail of it).</summary>
public sealed record StepFailure(string Step, string Reason, string Output)
{
    public string Tail => Output.Length <= 4_000 ? Output : Output[^4_000..];
}
