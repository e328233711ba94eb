using Aspire.Hosting;
using Aspire.Hosting.Testing;

namespace Aspire.Sandbox.UnitTests.Hosting;

// The contract services rely on, checked on the built application without starting anything
// (the shape of dotnet/aspire's WithReferenceTests).
public class EnvironmentContractTests
{
    [Fact]
    public void ReferencingRedisInjectsItsLoopbackConnectionString()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        var redis = builder.AddRedis("redis");
        builder.AddProject<TestProject>("api").WithReference(redis);
        var app = builder.Build();

        var environment = app.GetEnvironment("api");

        var port = app.GetEndpoint("redis", "tcp").Port;
        Assert.Equal($"127.0.0.1:{port}", environment["ConnectionStrings__redis"]);
        Assert.Equal(environment["ConnectionStrings__redis"], app.GetConnectionString("redis"));
    }

    [Fact]
    public void ReferencingAProjectInjectsServiceDiscoveryAndEndpointVariables()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        var api = builder.AddProject<TestProject>("api").WithHttpEndpoint(port: 5081);
        builder.AddProject<TestProject>("web").WithReference(api);
        var app = builder.Build();

        var environment = app.GetEnvironment("web");

        var url = app.GetEndpoint("api").ToString().TrimEnd('/');
        Assert.Equal(url, environment["services__api__http__0"]);
        Assert.Equal(url, environment["API_HTTP"]);
        Assert.StartsWith("http://127.0.0.1:", url, StringComparison.Ordinal);
    }

    [Fact]
    public void ResourceNamesWithDashesKeepThemInServiceKeysAndUseUnderscoresInEndpointVariables()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        var projectA = builder.AddProject<TestProject>("project-a").WithHttpEndpoint(name: "mybinding");
        builder.AddProject<TestProject>("project-b").WithReference(projectA);
        var app = builder.Build();

        var environment = app.GetEnvironment("project-b");

        Assert.True(environment.ContainsKey("services__project-a__http__0"));
        Assert.True(environment.ContainsKey("PROJECT_A_MYBINDING"));
    }

    [Fact]
    public void ProjectsAreNamedForTelemetryWithAnInstanceIdPerReplica()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddProject<TestProject>("worker").WithReplicas(2);
        var app = builder.Build();

        var first = app.GetEnvironment("worker", replica: 0);
        var second = app.GetEnvironment("worker", replica: 1);

        Assert.Equal("worker", first["OTEL_SERVICE_NAME"]);
        Assert.Equal("worker", second["OTEL_SERVICE_NAME"]);
        Assert.Matches("^service.instance.id=[a-z]{8}$", first["OTEL_RESOURCE_ATTRIBUTES"]);
        Assert.NotEqual(first["OTEL_RESOURCE_ATTRIBUTES"], second["OTEL_RESOURCE_ATTRIBUTES"]);
        Assert.NotEqual(first["ASPNETCORE_URLS"], second["ASPNETCORE_URLS"]);
    }

    [Fact]
    public void OtlpExporterSettingsAreInjectedOnlyWhenTheAppHostHasACollector()
    {
        var withCollector = DistributedApplicationTestingBuilder.Create("--AppHost:OtlpEndpoint=http://127.0.0.1:4317");
        withCollector.AddProject<TestProject>("api");
        var without = DistributedApplicationTestingBuilder.Create("--AppHost:OtlpEndpoint=");
        without.AddProject<TestProject>("api");

        var exported = withCollector.Build().GetEnvironment("api");
        var silent = without.Build().GetEnvironment("api");

        Assert.Equal("http://127.0.0.1:4317", exported["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        Assert.Equal("grpc", exported["OTEL_EXPORTER_OTLP_PROTOCOL"]);
        if (Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT") is null)
        {
            Assert.False(silent.ContainsKey("OTEL_EXPORTER_OTLP_ENDPOINT"));
        }
    }

    [Fact]
    public void ProjectsListenOnLoopbackOnlyInDevelopment()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddProject<TestProject>("api").WithHttpEndpoint();
        var app = builder.Build();

        var environment = app.GetEnvironment("api");

        Assert.Equal(app.GetEndpoint("api").ToString().TrimEnd('/'), environment["ASPNETCORE_URLS"]);
        Assert.StartsWith("http://127.0.0.1:", environment["ASPNETCORE_URLS"], StringComparison.Ordinal);
        Assert.Equal("Development", environment["ASPNETCORE_ENVIRONMENT"]);
        Assert.Equal("Development", environment["DOTNET_ENVIRONMENT"]);
    }

    [Fact]
    public void AProjectWithoutEndpointsStillGetsALoopbackPortForItsHealthEndpoint()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddProject<TestProject>("worker");
        var app = builder.Build();

        var url = app.GetEndpoint("worker");

        Assert.Equal("127.0.0.1", url.Host);
        Assert.Equal(url.ToString().TrimEnd('/'), app.GetEnvironment("worker")["ASPNETCORE_URLS"]);
    }

    [Fact]
    public void WithEnvironmentOverridesADefaultAndIsVisibleToTests()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddProject<TestProject>("api")
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", "Staging")
            .WithEnvironment("Sandbox__ApiKeys__0", "key-1");
        var app = builder.Build();

        var environment = app.GetEnvironment("api");

        Assert.Equal("Staging", environment["ASPNETCORE_ENVIRONMENT"]);
        Assert.Equal("key-1", environment["Sandbox__ApiKeys__0"]);
    }
}
