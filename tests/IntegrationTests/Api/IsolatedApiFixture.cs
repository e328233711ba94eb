using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

namespace Aspire.Sandbox.IntegrationTests.Api;

/// <summary>
/// The real Api process and a real Redis, without worker or web, in configurations the whole app does not
/// use: tight rate limits, two token keys (a rotation), generous limits for fuzzing, and a Redis that is
/// not there. Its own collection, so bursts of requests never spend the shared app's budgets.
/// </summary>
public sealed class IsolatedApiFixture : IAsyncLifetime
{
    public const string ApiKey = "sbx_isolated_test_key";
    public const int TightPermitLimit = 5;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    public DistributedApplication App { get; private set; } = null!;

    /// <summary>Generous limits; accepts tokens signed with <see cref="CurrentTokenKey"/> or <see cref="PreviousTokenKey"/>.</summary>
    public HttpClient Roomy { get; private set; } = null!;

    /// <summary><see cref="TightPermitLimit"/> requests per minute per credential and per address.</summary>
    public HttpClient Tight { get; private set; } = null!;

    /// <summary>Pointed at a Redis port where nothing listens.</summary>
    public HttpClient NoRedis { get; private set; } = null!;

    public string CurrentTokenKey { get; } = TestTokens.NewKey();
    public string PreviousTokenKey { get; } = TestTokens.NewKey();

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        var builder = TestApps.CreateBuilder();
        var redis = builder.AddRedis("redis").WithSandboxRedisImage();
        var secretsKey = TestTokens.NewKey();

        IResourceBuilder<ProjectResource> Api(string name, int permits) => builder.AddProject<Projects.Aspire_Sandbox_Api>(name)
            .WithHttpEndpoint()
            .WithHttpHealthCheck("/health")
            .WithEnvironment("Sandbox__ApiKeys__0", ApiKey)
            .WithEnvironment("Sandbox__TokenKeys__0", CurrentTokenKey)
            .WithEnvironment("Sandbox__TokenKeys__1", PreviousTokenKey)
            .WithEnvironment("Sandbox__SecretsKey", secretsKey)
            .WithEnvironment("Sandbox__RateLimits__ApiKey__PermitLimit", permits.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithEnvironment("Sandbox__RateLimits__SessionToken__PermitLimit", permits.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithEnvironment("Sandbox__RateLimits__Anonymous__PermitLimit", permits.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Api("api-roomy", 1_000_000).WithReference(redis).WaitFor(redis);
        Api("api-tight", TightPermitLimit).WithReference(redis).WaitFor(redis);
        // Port 1 refuses at once; /alive because /health rightly reports Redis down.
        var noRedis = Api("api-no-redis", 1_000_000).WithEnvironment("ConnectionStrings__redis", "127.0.0.1:1,connectTimeout=500");
        noRedis.Resource.Annotations.Remove(noRedis.Resource.Annotations.OfType<HealthCheckAnnotation>().Single());
        noRedis.WithHttpHealthCheck("/alive");

        App = await builder.BuildAsync(timeout.Token);
        await App.StartAsync(timeout.Token);
        foreach (var name in new[] { "api-roomy", "api-tight", "api-no-redis" })
            await App.ResourceNotifications.WaitForResourceHealthyAsync(name, timeout.Token);
        Roomy = Client("api-roomy");
        Tight = Client("api-tight");
        NoRedis = Client("api-no-redis");
    }

    private HttpClient Client(string resource) => new() { BaseAddress = App.GetEndpoint(resource, "http"), Timeout = TimeSpan.FromSeconds(30) };

    public async Task DisposeAsync()
    {
        Roomy.Dispose();
        Tight.Dispose();
        NoRedis.Dispose();
        await App.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class IsolatedApiCollection : ICollectionFixture<IsolatedApiFixture>
{
    public const string Name = "isolated-api";
}
