using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Aspire.Hosting;

namespace Aspire.Sandbox.IntegrationTests.Hosting;

public class DashboardTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task TheDashboardListsResourcesAndTheirConsoleOutput()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var dashboardUrl = $"http://127.0.0.1:{FreePort()}";
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions
        {
            Args = [$"--AppHost:DashboardUrl={dashboardUrl}"],
            RandomizePorts = true,
            WriteToConsole = false,
        });
        builder.AddRedis("redis");
        await using var app = builder.Build();
        await app.StartAsync(cts.Token).WaitAsync(cts.Token);
        using var client = new HttpClient { BaseAddress = new Uri(dashboardUrl) };

        var page = await client.GetStringAsync("/", cts.Token);
        var resources = await client.GetFromJsonAsync<JsonElement>("/api/resources", cts.Token);
        var logs = await client.GetFromJsonAsync<JsonElement>("/api/resources/redis/logs", cts.Token);
        var unknown = await client.GetAsync("/api/resources/nope/logs", cts.Token);

        Assert.Contains("<title>Aspire Sandbox", page, StringComparison.Ordinal);
        var redis = Assert.Single(resources.EnumerateArray());
        Assert.Equal("redis", redis.GetProperty("name").GetString());
        Assert.Equal("Healthy", redis.GetProperty("health").GetString());
        Assert.NotEmpty(logs.GetProperty("lines").EnumerateArray());
        Assert.Equal(System.Net.HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task TheDashboardRefusesANonLoopbackAddress()
    {
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions
        {
            Args = ["--AppHost:DashboardUrl=http://0.0.0.0:18999"],
            RandomizePorts = true,
            WriteToConsole = false,
        });
        await using var app = builder.Build();

        await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
