using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Xunit.Abstractions;

namespace Aspire.Sandbox.IntegrationTests.Hosting;

// The real AppHost Program.cs, as a test starts it: every resource healthy on free loopback ports.
public class AppHostTests(ITestOutputHelper output)
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private static readonly string[] Services = ["api", "worker", "web"];

    [Fact]
    public async Task TheGraphWiresEveryServiceWithoutStartingAnything()
    {
        await using var app = await DistributedApplicationTestingBuilder.BuildAsync<Projects.Aspire_Sandbox_AppHost>(
            ["--SANDBOX_API_KEY=test-key", "--SANDBOX_IMAGE=custom:tag"]);

        var api = app.GetEnvironment("api");
        var worker = app.GetEnvironment("worker");
        var web = app.GetEnvironment("web");

        Assert.Equal("test-key", api["Sandbox__ApiKeys__0"]);
        Assert.Equal("test-key", web["Sandbox__ApiKey"]);
        Assert.Equal(32, Convert.FromBase64String(api["Sandbox__TokenKeys__0"]).Length);
        Assert.Equal(api["Sandbox__TokenKeys__0"], web["Sandbox__TokenKeys__0"]);
        Assert.Equal(api["Sandbox__SecretsKey"], worker["Sandbox__SecretsKey"]);
        Assert.Equal("custom:tag", worker["Sandbox__Image"]);
        Assert.NotEmpty(worker["Sandbox__AppInstance"]);
        Assert.All([api, worker, web], env => Assert.Equal(app.GetConnectionString("redis"), env["ConnectionStrings__redis"]));
        Assert.Equal(app.GetEndpoint("api").ToString().TrimEnd('/'), web["services__api__http__0"]);
        Assert.DoesNotContain(app.GetResourceSnapshots(), s => s.Pid is not null);
    }

    [Fact]
    public async Task TheWholeApplicationStartsHealthyAndStopsWithoutLeavingAProcess()
    {
        using var cts = new CancellationTokenSource(StartTimeout * 2);
        var clock = Stopwatch.StartNew();
        var app = await DistributedApplicationTestingBuilder.StartAsync<Projects.Aspire_Sandbox_AppHost>([], StartTimeout, cts.Token);
        int[] pids;
        try
        {
            output.WriteLine($"every resource healthy after {clock.Elapsed.TotalSeconds:0.00} s");
            pids = [.. app.GetResourceSnapshots().Select(s => s.Pid!.Value)];
            Assert.Equal(4, pids.Length);

            using var client = new HttpClient();
            foreach (var service in Services)
            {
                var health = await client.GetAsync(new Uri(app.GetEndpoint(service), "/health"), cts.Token);
                var alive = await client.GetAsync(new Uri(app.GetEndpoint(service), "/alive"), cts.Token);
                Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (health.StatusCode, alive.StatusCode));
            }

            using var sessions = new HttpRequestMessage(HttpMethod.Get, new Uri(app.GetEndpoint("api"), "/api/sessions"));
            sessions.Headers.Authorization = new AuthenticationHeaderValue("Bearer", app.GetEnvironment("api")["Sandbox__ApiKeys__0"]);
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(sessions, cts.Token)).StatusCode);
        }
        finally
        {
            clock.Restart();
            await app.DisposeAsync().AsTask().WaitAsync(cts.Token);
            output.WriteLine($"stopped in {clock.Elapsed.TotalSeconds:0.00} s");
        }

        Assert.All(pids, pid => Assert.False(ProcessProbe.Exists(pid), $"process {pid} is still there"));
    }
}
