using Aspire.Hosting;
using Aspire.Hosting.Testing;

namespace Aspire.Sandbox.IntegrationTests.Support;

/// <summary>
/// The whole app — Redis, Api, Worker, Web — started from the AppHost's Program.cs on free
/// loopback ports, once for every test of the collection, as a client sees it.
/// </summary>
public sealed class SandboxAppFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    public DistributedApplication App { get; private set; } = null!;
    public Uri ApiUrl { get; private set; } = null!;
    public Uri WebUrl { get; private set; } = null!;
    public string ApiKey { get; private set; } = "";
    public HttpClient Http { get; private set; } = null!;
    public SandboxApiClient Api { get; private set; } = null!;

    /// <summary>The label value the worker puts on every container of this app instance.</summary>
    public string AppInstance { get; private set; } = "";

    public async Task InitializeAsync()
    {
        App = await DistributedApplicationTestingBuilder.StartAsync<Projects.Aspire_Sandbox_AppHost>(TestTemplates.Args, StartTimeout);
        ApiUrl = App.GetEndpoint("api");
        WebUrl = App.GetEndpoint("web");
        ApiKey = App.GetEnvironment("api")["Sandbox__ApiKeys__0"];
        AppInstance = App.GetEnvironment("worker")["Sandbox__AppInstance"];
        Http = new HttpClient { BaseAddress = ApiUrl, Timeout = TimeSpan.FromSeconds(30) };
        Api = new SandboxApiClient(Http, ApiKey);
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await App.DisposeAsync();
        // Stopping the app must leave no sandbox behind.
        var left = await SandboxContainers.ListAsync(AppInstance);
        if (left.Count > 0) throw new InvalidOperationException($"Containers left after the app stopped: {string.Join(", ", left)}");
    }
}

[CollectionDefinition(Name)]
public sealed class SandboxAppCollection : ICollectionFixture<SandboxAppFixture>
{
    public const string Name = "sandbox-app";
}
