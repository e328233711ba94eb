namespace Aspire.Sandbox.IntegrationTests.Support;

/// <summary>
/// The whole app — Redis, Api, Worker, Web — started from the AppHost's Program.cs on random loopback ports, once
/// for every test of the collection, as a client sees it.
/// </summary>
public sealed class SandboxAppFixture : IAsyncLifetime
{
    private SandboxApp _app = null!;

    public Uri ApiUrl => _app.ApiUrl;
    public Uri WebUrl => _app.WebUrl;
    public string ApiKey => _app.ApiKey;
    public HttpClient Http { get; private set; } = null!;
    public SandboxApiClient Api { get; private set; } = null!;

    /// <summary>The label value the worker puts on every container of this app instance.</summary>
    public string AppInstance => _app.AppInstance;

    public string RedisConnectionString => _app.RedisConnectionString;

    public string TokenSigningKey => _app.TokenSigningKey;

    public async Task InitializeAsync()
    {
        _app = await SandboxApp.StartAsync(TestTemplates.Args);
        Http = new HttpClient { BaseAddress = ApiUrl, Timeout = TimeSpan.FromSeconds(30) };
        Api = new SandboxApiClient(Http, ApiKey);
    }

    /// <summary>Stopping the app must leave no process and no container behind (SandboxApp checks).</summary>
    public async Task DisposeAsync()
    {
        Http.Dispose();
        await _app.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SandboxAppCollection : ICollectionFixture<SandboxAppFixture>
{
    public const string Name = "sandbox-app";
}
