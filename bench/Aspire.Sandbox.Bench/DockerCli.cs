using System.Diagnostics;

namespace Aspire.Sandbox.Bench;

/// <summary>The floors measured with the docker CLI, the way an operator would time them by hand.</summary>
public static class DockerCli
{
    public static async Task<TimeSpan> TimeAsync(params string[] arguments)
    {
        var start = Stopwatch.GetTimestamp();
        using var process = Process.Start(new ProcessStartInfo("docker", arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("docker could not be started");
        await process.StandardOutput.ReadToEndAsync();
        await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"docker {string.Join(' ', arguments)} exited with {process.ExitCode}");
        return Stopwatch.GetElapsedTime(start);
    }
}
