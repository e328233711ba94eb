using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Orchestration;
using Aspire.Hosting.Testing;

namespace Aspire.Sandbox.UnitTests.Hosting;

public class WaitForOrderingTests
{
    [Fact]
    public void ResourcesStartAfterWhatTheyWaitFor()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        var redis = builder.AddRedis("redis");
        // Declared out of order on purpose: web first, then what it waits for.
        var web = builder.AddProject<TestProject>("web");
        var api = builder.AddProject<TestProject>("api").WaitFor(redis);
        var worker = builder.AddProject<TestProject>("worker").WaitFor(redis);
        web.WaitFor(api);

        var levels = ResourceGraph.GetLevels([.. builder.Resources.Cast<Resource>()]);

        Assert.Equal(["redis"], levels[0].Select(r => r.Name));
        Assert.Equal(["api", "worker"], levels[1].Select(r => r.Name));
        Assert.Equal(["web"], levels[2].Select(r => r.Name));
        Assert.Equal(["redis", "api", "worker", "web"], ResourceGraph.GetStartOrder([.. builder.Resources.Cast<Resource>()]).Select(r => r.Name));
    }

    [Fact]
    public void AWaitForCycleIsRejectedAtBuild()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        var a = builder.AddProject<TestProject>("a");
        var b = builder.AddProject<TestProject>("b").WaitFor(a);
        a.WaitFor(b);

        var error = Assert.Throws<InvalidOperationException>(() => builder.Build());

        Assert.Contains("a -> b -> a", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WaitingForAResourceOfAnotherApplicationIsRejectedAtBuild()
    {
        var other = DistributedApplicationTestingBuilder.Create().AddRedis("redis");
        var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddProject<TestProject>("api").WaitFor(other);

        Assert.Throws<InvalidOperationException>(() => builder.Build());
    }
}
