using System.Diagnostics;

namespace Aspire.Sandbox.Bench.Blackbox;

/// <summary>The docker CLI's answer to a question (ps, inspect), as text.</summary>
public static class DockerOutput
{
    public static async Task<string> RunAsync(params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo("docker", arguments) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException("docker did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"docker {string.Join(' ', arguments)} exited with {process.ExitCode}: {await error}");
        return await output;
    }

    /// <summary>Ids (full) of the containers that match the <c>docker ps -a</c> filters given, running or not.</summary>
    public static async Task<IReadOnlyList<string>> ContainersAsync(params string[] filters)
    {
        string[] arguments = ["ps", "-a", "-q", "--no-trunc", .. filters.SelectMany(f => new[] { "--filter", f })];
        return (await RunAsync(arguments)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
