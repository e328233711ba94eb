using Aspire.Hosting.Testing;

namespace Aspire.Sandbox.TestSupport;

/// <summary>Apps a test declares itself (a lone Redis, several differently configured Apis), run by DCP.</summary>
public static class TestApps
{
    /// <summary>
    /// A testing builder with no AppHost behind it. Aspire finds DCP through the assembly that calls it: this one
    /// carries the same orchestration metadata an AppHost's does (see the project file).
    /// </summary>
    public static IDistributedApplicationTestingBuilder CreateBuilder(params string[] args) => DistributedApplicationTestingBuilder.Create(args);
}
