using System.Diagnostics;
using System.Text.Json;
using Aspire.Sandbox.TestSupport;

namespace Aspire.Sandbox.Bench.Blackbox;

/// <summary>
/// A script of bench/blackbox run with Node: its stdout is JSON lines (<c>{"event": …}</c>), read one event at a time;
/// its stderr goes to ours. The scripts' node_modules are installed with <c>npm ci</c> first when missing.
/// </summary>
public sealed class NodeScript : IAsyncDisposable
{
    private readonly Process _process;

    private NodeScript(Process process) => _process = process;

    public static string Directory => Path.Combine(ProjectOutput.RepoRoot(), "bench", "blackbox");

    /// <summary>The emitter, as the argv of a run: <c>python3 -u -c &lt;emit.py&gt; rate seconds</c>.</summary>
    public static string[] EmitterCommand(int rate, double seconds) =>
        ["python3", "-u", "-c", File.ReadAllText(Path.Combine(Directory, "emit.py")), Invariant(rate), Invariant(seconds)];

    /// <summary><c>npm ci</c> when node_modules is missing or older than the lock file (the stamp scripts/test.sh keeps too).</summary>
    public static async Task EnsureInstalledAsync()
    {
        var stamp = new FileInfo(Path.Combine(Directory, "node_modules", ".npm-ci.stamp"));
        if (stamp.Exists && stamp.LastWriteTimeUtc >= File.GetLastWriteTimeUtc(Path.Combine(Directory, "package-lock.json"))) return;
        Console.Error.WriteLine("  bench/blackbox: npm ci");
        using var npm = Process.Start(new ProcessStartInfo("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"]) { WorkingDirectory = Directory })
            ?? throw new InvalidOperationException("npm did not start");
        await npm.WaitForExitAsync();
        if (npm.ExitCode != 0) throw new InvalidOperationException($"npm ci in {Directory} exited with {npm.ExitCode}");
        await File.WriteAllTextAsync(stamp.FullName, "");
    }

    public static NodeScript Start(string script, params object[] arguments)
    {
        var info = new ProcessStartInfo("node") { WorkingDirectory = Directory, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(script);
        foreach (var argument in arguments) info.ArgumentList.Add(Invariant(argument));
        var process = Process.Start(info) ?? throw new InvalidOperationException("node did not start");
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) Console.Error.WriteLine($"  [{script}] {line}"); };
        process.BeginErrorReadLine();
        return new NodeScript(process);
    }

    /// <summary>Reads stdout up to the next event named <paramref name="name"/> (earlier ones are skipped) and returns it.</summary>
    public async Task<JsonElement> NextEventAsync(string name, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            string? line;
            try { line = await _process.StandardOutput.ReadLineAsync(deadline.Token); }
            catch (OperationCanceledException) { throw new TimeoutException($"node {_process.StartInfo.ArgumentList[0]}: no '{name}' within {timeout}"); }
            if (line is null)
            {
                await _process.WaitForExitAsync();
                throw new InvalidOperationException($"node {_process.StartInfo.ArgumentList[0]} exited with {_process.ExitCode} before '{name}'");
            }
            if (!line.StartsWith('{')) continue;
            var message = JsonSerializer.Deserialize<JsonElement>(line);
            if (message.TryGetProperty("event", out var kind) && kind.GetString() == name) return message;
        }
    }

    public static T Read<T>(JsonElement message) => message.Deserialize<T>(JsonSerializerOptions.Web)
        ?? throw new InvalidOperationException($"unreadable {typeof(T).Name}");

    /// <summary>Waits for the script to end on its own; stops it by its id if it does not within 10 s.</summary>
    public async ValueTask DisposeAsync()
    {
        try { await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)); }
        catch (TimeoutException) { _process.Kill(); await _process.WaitForExitAsync(); }
        _process.Dispose();
    }

    private static string Invariant(object value) => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
}
