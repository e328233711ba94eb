namespace Aspire.Hosting;

/// <summary>
/// A .NET project the AppHost can start. The AppHost build generates one <c>Projects.*</c> class per
/// project it references (see build/Aspire.Sandbox.Hosting.AppHost.targets), as Aspire's SDK does.
/// </summary>
public interface IProjectMetadata
{
    /// <summary>Full path of the project file; its folder is the working directory of the process.</summary>
    string ProjectPath { get; }

    /// <summary>Full path of the built assembly, run with <c>dotnet</c>.</summary>
    string AssemblyPath { get; }
}
