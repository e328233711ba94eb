using Aspire.Sandbox.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Aspire.Sandbox.UnitTests.Api;

/// <summary>
/// The Api assembled exactly as its Program.cs does, on a loopback port, with no Redis behind it (the
/// multiplexer is only built when a handler needs it): enough for what does not touch Redis.
/// </summary>
public static class InProcessApi
{
    public const string ApiKey = "unit-test-key";

    public static async Task<WebApplication> StartAsync(IDictionary<string, string?>? settings = null, Action<WebApplication>? mapMore = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = Environments.Development,
            ApplicationName = typeof(ApiPipeline).Assembly.GetName().Name,
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:redis"] = "127.0.0.1:1,connectTimeout=200",
            ["Sandbox:ApiKeys:0"] = ApiKey,
            ["Sandbox:TokenKeys:0"] = Convert.ToBase64String(new byte[32]),
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);

        builder.AddServiceDefaults();
        builder.AddRedisClient("redis");
        builder.AddApplicationServices();
        var app = builder.Build();
        app.UseApiPipeline();
        mapMore?.Invoke(app);
        app.MapApiEndpoints();
        await app.StartAsync();
        return app;
    }

    public static HttpClient Client(WebApplication app) => new() { BaseAddress = new Uri(app.Urls.First()) };
}
