using System.Diagnostics;

namespace Aspire.Sandbox.TestSupport;

/// <summary>The docker CLI, for looking at what an app left behind the way an operator would.</summary>
public static class DockerCommand
{
    /// <summary>Runs <c>docker</c> with <paramref name="arguments"/> and returns its trimmed output; throws if it fails.</summary>
    public static async Task<string> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("docker") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("docker could not be started");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"docker {string.Join(' ', arguments)} exited with {process.ExitCode}: {await error}");
        return (await output).Trim();
    }
}
