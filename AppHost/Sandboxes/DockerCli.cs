using System.Diagnostics;

/// <summary>
/// The docker CLI, as DCP itself uses it: the AppHost drives no engine API of its own. Answers empty where there is
/// no CLI (the workers may drive an engine this AppHost cannot see).
/// </summary>
internal static class DockerCli
{
    public static async Task<string> RunAsync(IEnumerable<string> args, CancellationToken ct)
    {
        var start = new ProcessStartInfo("docker") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync(ct);
            _ = process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            return await output;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "";
        }
    }
}
