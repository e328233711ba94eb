using Aspire.Hosting;

namespace Aspire.Sandbox.TestSupport;

/// <summary>Where the AppHost's build put a service, for tests that run one as a process of their own.</summary>
public static class ProjectOutput
{
    /// <summary>The service's main assembly, built in the same configuration as the caller (Release under CI).</summary>
    public static string AssemblyPath<TProject>() where TProject : IProjectMetadata, new()
    {
        var projectPath = new TProject().ProjectPath;
        var name = Path.GetFileNameWithoutExtension(projectPath);
        var configuration = Configuration;
        var path = Path.Combine(Path.GetDirectoryName(projectPath)!, "bin", configuration, "net10.0", name + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"{name} is not built in {configuration}: dotnet build -c {configuration}", path);
    }

    /// <summary>The configuration the caller was built in (Release under CI).</summary>
    public static string Configuration =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}") ? "Debug" : "Release";

    /// <summary>The repository's root: where <c>Aspire.Sandbox.sln</c> is.</summary>
    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Aspire.Sandbox.sln"))) return dir.FullName;
        throw new InvalidOperationException("Aspire.Sandbox.sln not found above " + AppContext.BaseDirectory);
    }

    public static string Directory<TProject>() where TProject : IProjectMetadata, new() =>
        Path.GetDirectoryName(new TProject().ProjectPath)!;
}
