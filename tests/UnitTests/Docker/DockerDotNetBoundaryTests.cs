namespace Aspire.Sandbox.UnitTests.Docker;

/// <summary>Only <c>Worker/Docker/</c> may know Docker.DotNet; the rest of the Worker talks to <c>ISandboxEngine</c>.</summary>
public sealed class DockerDotNetBoundaryTests
{
    [Fact]
    public void NoWorkerSourceOutsideTheDockerFolderMentionsDockerDotNet()
    {
        var worker = Path.Combine(RepositoryRoot(), "Worker");
        var sources = Directory.EnumerateFiles(worker, "*.cs", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(worker, path))
            .Where(path => !path.StartsWith("obj/", StringComparison.Ordinal) && !path.StartsWith("bin/", StringComparison.Ordinal))
            .ToList();

        Assert.Contains(Path.Combine("Docker", "DockerSandboxEngine.cs"), sources);
        var leaks = sources
            .Where(path => !path.StartsWith("Docker/", StringComparison.Ordinal))
            .Where(path => File.ReadAllText(Path.Combine(worker, path)).Contains("Docker.DotNet", StringComparison.Ordinal))
            .ToList();
        Assert.Empty(leaks);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Aspire.Sandbox.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (Aspire.Sandbox.sln) is not above the test binaries.");
    }
}
