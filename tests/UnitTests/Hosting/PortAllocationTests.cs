using Aspire.Hosting;
using Aspire.Hosting.Testing;

namespace Aspire.Sandbox.UnitTests.Hosting;

public class PortAllocationTests
{
    private static IDistributedApplicationBuilder CreateInteractiveBuilder(params string[] args) =>
        DistributedApplication.CreateBuilder(new DistributedApplicationOptions { Args = args, DisableDashboard = true, WriteToConsole = false });

    [Fact]
    public void DeclaredPortsAreUsedWhenRunningInteractively()
    {
        var builder = CreateInteractiveBuilder();
        builder.AddRedis("redis");
        builder.AddProject<TestProject>("web").WithHttpEndpoint(port: 5080);
        var app = builder.Build();

        Assert.Equal(6379, app.GetEndpoint("redis", "tcp").Port);
        Assert.Equal(5080, app.GetEndpoint("web").Port);
    }

    [Fact]
    public void PortsCanBeOverriddenFromConfiguration()
    {
        var builder = CreateInteractiveBuilder("--Ports:web=6000", "--API_PORT=6001", "--Ports:redis=0");
        builder.AddRedis("redis");
        builder.AddProject<TestProject>("web").WithHttpEndpoint(port: 5080);
        builder.AddProject<TestProject>("api").WithHttpEndpoint(port: 5081);
        var app = builder.Build();

        Assert.Equal(6000, app.GetEndpoint("web").Port);
        Assert.Equal(6001, app.GetEndpoint("api").Port);
        Assert.NotEqual(6379, app.GetEndpoint("redis", "tcp").Port);
    }

    [Fact]
    public void TestsGetFreePortsWhateverWasDeclared()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddRedis("redis");
        builder.AddProject<TestProject>("web").WithHttpEndpoint(port: 5080);
        builder.AddProject<TestProject>("api").WithHttpEndpoint(port: 5081);
        var app = builder.Build();

        int[] ports = [app.GetEndpoint("redis", "tcp").Port, app.GetEndpoint("web").Port, app.GetEndpoint("api").Port];

        Assert.DoesNotContain(6379, ports);
        Assert.DoesNotContain(5080, ports);
        Assert.Equal(ports.Length, ports.Distinct().Count());
    }

    [Fact]
    public void ReplicasWithAFixedPortAreRejected()
    {
        var builder = CreateInteractiveBuilder();
        builder.AddProject<TestProject>("api").WithHttpEndpoint(port: 5081).WithReplicas(2);

        var error = Assert.Throws<InvalidOperationException>(() => builder.Build());

        Assert.Contains("replicas", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ResourceNamesAreUniqueIgnoringCase()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddRedis("redis");

        Assert.Throws<InvalidOperationException>(() => builder.AddRedis("Redis"));
    }
}
