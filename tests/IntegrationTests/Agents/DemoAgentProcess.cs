using System.Diagnostics;

namespace Aspire.Sandbox.IntegrationTests.Agents;

/// <summary>Runs <c>sandbox/agents/demo-agent</c> from the repository on this machine (python3), outside any sandbox.</summary>
public static class DemoAgentProcess
{
    public static string ScriptPath { get; } = Path.Combine(RepositoryRoot(), "sandbox", "agents", "demo-agent");

    public static Process Start(string prompt, string workspace, int tokensPerSecond)
    {
        var start = new ProcessStartInfo("python3") { WorkingDirectory = workspace, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(ScriptPath);
        start.ArgumentList.Add(prompt);
        start.Environment["DEMO_AGENT_TOKENS_PER_SECOND"] = tokensPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Aspire.Sandbox.sln"))) return dir.FullName;
        throw new InvalidOperationException("The repository root (Aspire.Sandbox.sln) is not above the test binaries.");
    }
}
