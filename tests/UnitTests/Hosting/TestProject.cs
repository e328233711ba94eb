using Aspire.Hosting;

namespace Aspire.Sandbox.UnitTests.Hosting;

/// <summary>A project that is never started: environment and ordering tests only need its name.</summary>
internal sealed class TestProject : IProjectMetadata
{
    public string ProjectPath => "/nonexistent/TestProject/TestProject.csproj";

    public string AssemblyPath => "/nonexistent/TestProject/bin/TestProject.dll";
}
