using System.Net;
using Aspire.Sandbox.IntegrationTests.Support;

namespace Aspire.Sandbox.IntegrationTests.Api;

/// <summary>Requests the endpoints never see: oversized headers, unknown paths, wrong methods. Still problem+json.</summary>
[Collection(SandboxAppCollection.Name)]
public sealed class HttpEdgeTests(SandboxAppFixture app)
{
    private readonly ApiTarget _api = new(app);

    [Fact]
    public async Task HugeHeadersAre431AndTheServiceStaysHealthy()
    {
        using var large = await _api.SendAsync(HttpMethod.Get, "/api/templates", null, headers: new Dictionary<string, string> { ["X-Large"] = new string('h', 20 * 1024) });
        // Past Kestrel's own limit the server refuses before the Api runs: still 431, just without a body.
        using var huge = await _api.SendAsync(HttpMethod.Get, "/api/templates", null, headers: new Dictionary<string, string> { ["X-Huge"] = new string('h', 100 * 1024) });
        using var health = await _api.Http.GetAsync("/health");

        await ProblemAssert.IsAsync(large, HttpStatusCode.RequestHeaderFieldsTooLarge, "headers-too-large", "X-Large");
        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, huge.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task UnknownPathsAndMethodsAreProblemsWhateverTheClientAccepts()
    {
        var html = new Dictionary<string, string> { ["Accept"] = "text/html" };
        using var unknown = await _api.SendAsync(HttpMethod.Get, "/api/nothing-here", null, headers: html);
        using var method = await _api.SendAsync(HttpMethod.Put, "/api/templates", null, headers: html);

        await ProblemAssert.IsAsync(unknown, HttpStatusCode.NotFound, "not-found");
        await ProblemAssert.IsAsync(method, HttpStatusCode.MethodNotAllowed, "method-not-allowed");
    }

    [Fact]
    public async Task TemplatesNeedingEgressAreRefusedUnlessTheOperatorAllowsIt()
    {
        using var response = await _api.SendAsync(HttpMethod.Post, "/api/sessions", _api.ApiKey, """{"template":"claude"}""");
        await ProblemAssert.IsAsync(response, HttpStatusCode.Conflict, "template-needs-egress", "template");
    }
}
