using System.Net;
using System.Net.Http.Headers;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Aspire.Sandbox.IntegrationTests.Hosting;

// The real AppHost Program.cs, as Aspire.Hosting.Testing builds it.
public class AppHostTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task TheGraphWiresEveryServiceWithTheSameKeysAndTheRedisConnection()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Aspire_Sandbox_AppHost>(
            ["--SANDBOX_API_KEY=test-key", "--SANDBOX_IMAGE=custom:tag", "--Workers=3"], cts.Token);
        await using var app = await builder.BuildAsync(cts.Token);
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();

        var api = await ResourceEnvironment.GetAsync(app, "api", cts.Token);
        var worker = await ResourceEnvironment.GetAsync(app, "worker", cts.Token);
        var web = await ResourceEnvironment.GetAsync(app, "web", cts.Token);

        Assert.Equal("test-key", api["Sandbox__ApiKeys__0"]);
        Assert.Equal("test-key", web["Sandbox__ApiKey"]);
        Assert.Equal(32, Convert.FromBase64String(api["Sandbox__TokenKeys__0"]).Length);
        Assert.Equal(api["Sandbox__TokenKeys__0"], web["Sandbox__TokenKeys__0"]);
        Assert.Equal(32, Convert.FromBase64String(api["Sandbox__SecretsKey"]).Length);
        Assert.Equal(api["Sandbox__SecretsKey"], worker["Sandbox__SecretsKey"]);
        Assert.Equal("custom:tag", worker["Sandbox__Image"]);
        Assert.NotEmpty(worker["Sandbox__AppInstance"]);
        Assert.All([api, worker, web], env => Assert.Contains("ConnectionStrings__redis", env.Keys));
        Assert.Contains("services__api__http__0", web.Keys);
        var workers = model.Resources.OfType<ProjectResource>().Single(r => r.Name == "worker");
        Assert.Equal(3, workers.Annotations.OfType<ReplicaAnnotation>().Single().Replicas);
    }

    [Fact]
    public async Task TheWholeApplicationStartsHealthyAndStopsWithoutLeavingAProcessOrContainer()
    {
        var app = await SandboxApp.StartAsync([]);
        await using (app)
        {
            Assert.Equal(3, app.ProcessIds.Count); // api, one worker, web
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            foreach (var service in new[] { "api", "web" })
            {
                var endpoint = app.App.GetEndpoint(service, "http");
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(endpoint, "/health"))).StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(endpoint, "/alive"))).StatusCode);
            }

            using var sessions = new HttpRequestMessage(HttpMethod.Get, new Uri(app.ApiUrl, "/api/sessions"));
            sessions.Headers.Authorization = new AuthenticationHeaderValue("Bearer", app.ApiKey);
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(sessions)).StatusCode);
        }
        // DisposeAsync checked that no service process, no Redis container and no sandbox is left.
    }
}
