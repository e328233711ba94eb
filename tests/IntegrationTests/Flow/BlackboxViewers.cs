using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Aspire.Sandbox.IntegrationTests.Flow;

/// <summary>
/// The black-box benchmark's pieces in bench/blackbox, reused as they are: the emitter (<c>emit.py</c>) and N viewers on
/// the official SignalR JS client in Node (<c>viewers.mjs</c>), whose JSON-lines stdout says when they have subscribed
/// and, after every viewer saw <c>process-exit</c>, which lines each got. scripts/test.sh installs its node_modules.
/// </summary>
public sealed class BlackboxViewers : IAsyncDisposable
{
    private readonly Process _node;

    private BlackboxViewers(Process node) => _node = node;

    public sealed record Result(bool TimedOut, Viewer[] Viewers);

    public sealed record Viewer(long[] N, int OtherLines, int Unfinished, int Frames, bool Exited, string? Closed);

    public static string Directory => Path.Combine(ProjectOutput.RepoRoot(), "bench", "blackbox");

    /// <summary>The emitter as a run's argv: <paramref name="rate"/> lines a second for <paramref name="seconds"/> s.</summary>
    public static string[] EmitterCommand(int rate, double seconds) =>
        ["python3", "-u", "-c", File.ReadAllText(Path.Combine(Directory, "emit.py")),
         rate.ToString(CultureInfo.InvariantCulture), seconds.ToString(CultureInfo.InvariantCulture)];

    public static BlackboxViewers Start(Uri web, string sessionId, string viewerToken, int viewers, TimeSpan timeout)
    {
        Assert.True(File.Exists(Path.Combine(Directory, "node_modules", "@microsoft", "signalr", "package.json")),
            $"the official SignalR JS client is not installed in {Directory}: npm ci there (scripts/test.sh does)");
        var info = new ProcessStartInfo("node") { WorkingDirectory = Directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "viewers.mjs", web.ToString(), sessionId, viewerToken, viewers.ToString(CultureInfo.InvariantCulture),
                     timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture) })
            info.ArgumentList.Add(arg);
        var node = Process.Start(info) ?? throw new InvalidOperationException("node did not start");
        node.ErrorDataReceived += (_, _) => { };
        node.BeginErrorReadLine();
        return new BlackboxViewers(node);
    }

    public async Task WaitSubscribedAsync(TimeSpan timeout) => await NextEventAsync("subscribed", timeout);

    public async Task<Result> ResultAsync(TimeSpan timeout) =>
        (await NextEventAsync("result", timeout)).Deserialize<Result>(JsonSerializerOptions.Web)!;

    private async Task<JsonElement> NextEventAsync(string name, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (await _node.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
        {
            if (!line.StartsWith('{')) continue;
            var message = JsonSerializer.Deserialize<JsonElement>(line);
            if (message.TryGetProperty("event", out var kind) && kind.GetString() == name) return message;
        }
        await _node.WaitForExitAsync(CancellationToken.None);
        throw new InvalidOperationException($"viewers.mjs exited with {_node.ExitCode} before '{name}'");
    }

    /// <summary>Lets the script end on its own; stops it by its own id if it has not within 10 s.</summary>
    public async ValueTask DisposeAsync()
    {
        try { await _node.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)); }
        catch (TimeoutException) { _node.Kill(); await _node.WaitForExitAsync(); }
        _node.Dispose();
    }
}
