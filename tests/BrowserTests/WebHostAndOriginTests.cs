using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Aspire.Sandbox.BrowserTests;

/// <summary>
/// The Web answers only its own host names (a DNS-rebinding page reaches it under another name), and the hub and the
/// state-changing /app endpoints refuse pages of other origins.
/// </summary>
[Collection(SandboxAppCollection.Name)]
public sealed class WebHostAndOriginTests(SandboxAppFixture app)
{
    private const string CreateBody = """{"template":"shell"}""";

    [Theory]
    [InlineData("GET", "/")]
    [InlineData("POST", "/app/sessions")]
    [InlineData("POST", "/hubs/sessions/negotiate?negotiateVersion=1")]
    public async Task AnotherHostNameIsRefusedBeforeAnythingHappens(string method, string path)
    {
        using var http = new HttpClient { BaseAddress = app.WebUrl };
        using var request = Request(method, path);
        request.Headers.Host = "attacker.example";
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("POST", "/app/sessions")]
    [InlineData("POST", "/app/sessions/ses_x/runs")]
    [InlineData("DELETE", "/app/sessions/ses_x")]
    [InlineData("POST", "/hubs/sessions/negotiate?negotiateVersion=1")]
    public async Task AnotherOriginIsRefused(string method, string path)
    {
        using var http = new HttpClient { BaseAddress = app.WebUrl };
        using var request = Request(method, path);
        request.Headers.Add("Origin", "http://attacker.example");
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task CrossSiteReadOfASessionTokenIsRefused()
    {
        using var http = new HttpClient { BaseAddress = app.WebUrl };
        using var request = Request("GET", "/app/sessions/ses_x/access");
        request.Headers.Add("Sec-Fetch-Site", "cross-site");
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task ItsOwnOriginIsServed()
    {
        using var http = new HttpClient { BaseAddress = app.WebUrl };
        using var request = Request("POST", "/app/sessions");
        request.Headers.Add("Origin", app.WebUrl.GetLeftPart(UriPartial.Authority));
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();

        using var delete = Request("DELETE", $"/app/sessions/{created.GetProperty("id").GetString()}");
        delete.Headers.Add("Origin", app.WebUrl.GetLeftPart(UriPartial.Authority));
        delete.Headers.Authorization = new("Bearer", created.GetProperty("token").GetString());
        using var deleted = await http.SendAsync(delete);
        Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
    }

    private static HttpRequestMessage Request(string method, string path) =>
        new(new HttpMethod(method), path)
        {
            Content = method == "GET" ? null : new StringContent(CreateBody, System.Text.Encoding.UTF8, "application/json"),
        };
}
