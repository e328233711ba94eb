using System.Net;
using System.Text;
using Aspire.Sandbox.IntegrationTests.Support;

namespace Aspire.Sandbox.IntegrationTests.Api;

/// <summary>
/// Bad bodies and queries on a session's endpoints. Bodies are checked before the session is looked up, so
/// a token for a session that does not exist is enough, and an answer of 404 shows a body passed validation.
/// </summary>
[Collection(SandboxAppCollection.Name)]
public sealed class BadRunInputTests(SandboxAppFixture app)
{
    private readonly ApiTarget _api = new(app);
    private string Runs => $"/api/sessions/{ApiTarget.UnknownSessionId}/runs";

    public static TheoryData<string, string, string> BadRunBodies => new()
    {
        { """{"prompt":"a","command":["ls"]}""", "validation", "command" },
        { """{"command":[]}""", "validation", "command" },
        { """{"command":["ls",null]}""", "validation", "command" },
        { """{"command":["a\u0000b"]}""", "validation", "command" },
        { """{"command":"ls -la"}""", "malformed-body", "command" },
        { """{"prompt":"a","timeoutSeconds":0}""", "validation", "timeoutSeconds" },
        { """{"prompt":"a","timeoutSeconds":86401}""", "validation", "timeoutSeconds" },
        { """{"prompt":"a","timeoutSeconds":"10"}""", "malformed-body", "timeoutSeconds" },
        { """{"prompt":"a","timeoutSeconds":1.5}""", "malformed-body", "timeoutSeconds" },
        { """{"prompt":"a","env":{"PATH=":"x"}}""", "validation", "env.PATH=" },
        { """{"prompt":"a\u0000"}""", "validation", "prompt" },
        { """{"prompt":"a","extra":true}""", "malformed-body", "extra" },
    };

    [Theory]
    [MemberData(nameof(BadRunBodies))]
    public async Task BadRunBodyIsAnswered400NamingTheField(string body, string type, string field)
    {
        using var response = await _api.SendAsync(HttpMethod.Post, Runs, _api.TokenFor(ApiTarget.UnknownSessionId), body);
        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, type, field);
    }

    [Fact]
    public async Task PromptOfTheLimitPassesAndOneByteMoreIsRefused()
    {
        var token = _api.TokenFor(ApiTarget.UnknownSessionId);
        var limit = 256 * 1024;
        using var atLimit = await _api.SendAsync(HttpMethod.Post, Runs, token, Json(new { prompt = new string('p', limit) }));
        using var over = await _api.SendAsync(HttpMethod.Post, Runs, token, Json(new { prompt = new string('p', limit - 1) + "é" }));

        await ProblemAssert.IsAsync(atLimit, HttpStatusCode.NotFound, "not-found");
        await ProblemAssert.IsAsync(over, HttpStatusCode.BadRequest, "validation", "prompt");
    }

    [Fact]
    public async Task SecretsOverSixtyFourAreRefused()
    {
        var secrets = Enumerable.Range(0, 65).ToDictionary(i => $"S{i}", _ => "v");
        using var response = await _api.SendAsync(HttpMethod.Post, Runs, _api.TokenFor(ApiTarget.UnknownSessionId), Json(new { prompt = "a", secrets }));
        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "validation", "secrets");
    }

    [Fact]
    public async Task BodyOfOneMebibytePlusOneByteIs413WhetherDeclaredOrChunked()
    {
        var token = _api.TokenFor(ApiTarget.UnknownSessionId);
        var prefix = """{"prompt":""";
        var body = Encoding.UTF8.GetBytes(prefix + "\"" + new string('p', 1024 * 1024 - prefix.Length - 3) + "\"}");
        Assert.Equal(1024 * 1024, body.Length);
        using var atLimit = await RawRequest.SendAsync(_api.Http, HttpMethod.Post, Runs, token, body, "application/json");
        byte[] overBody = [.. body[..^2], (byte)'p', .. body[^2..]];
        using var declared = await RawRequest.SendAsync(_api.Http, HttpMethod.Post, Runs, token, overBody, "application/json");
        using var chunked = await SendChunkedAsync(Runs, token, overBody);

        // At the limit the body is read (and its prompt, over 256 KiB, refused by name): only the size is at stake here.
        await ProblemAssert.IsAsync(atLimit, HttpStatusCode.BadRequest, "validation", "prompt");
        await ProblemAssert.IsAsync(declared, HttpStatusCode.RequestEntityTooLarge, "payload-too-large", "body");
        await ProblemAssert.IsAsync(chunked, HttpStatusCode.RequestEntityTooLarge, "payload-too-large", "body");
    }

    [Fact]
    public async Task InputOverItsLimitOrWithoutDataIsRefused()
    {
        var input = $"/api/sessions/{ApiTarget.UnknownSessionId}/input";
        var token = _api.TokenFor(ApiTarget.UnknownSessionId);
        using var missing = await _api.SendAsync(HttpMethod.Post, input, token, "{}");
        using var over = await _api.SendAsync(HttpMethod.Post, input, token, Json(new { data = new string('d', 64 * 1024 + 1) }));
        using var atLimit = await _api.SendAsync(HttpMethod.Post, input, token, Json(new { data = new string('d', 64 * 1024) }));

        await ProblemAssert.IsAsync(missing, HttpStatusCode.BadRequest, "validation", "data");
        await ProblemAssert.IsAsync(over, HttpStatusCode.BadRequest, "validation", "data");
        await ProblemAssert.IsAsync(atLimit, HttpStatusCode.NotFound, "not-found");
    }

    [Theory]
    [InlineData("?after=abc", "after")]
    [InlineData("?after=1-2-3", "after")]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=1001", "limit")]
    [InlineData("?limit=ten", "limit")]
    [InlineData("?limit=-1", "limit")]
    public async Task BadHistoryQueryIsAnswered400NamingTheParameter(string query, string field)
    {
        var token = _api.TokenFor(ApiTarget.UnknownSessionId, Contracts.Security.SessionRole.Viewer);
        using var response = await _api.SendAsync(HttpMethod.Get, $"/api/sessions/{ApiTarget.UnknownSessionId}/frames{query}", token);
        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "validation", field);
    }

    [Fact]
    public async Task MalformedIdempotencyKeyIsRefusedBeforeAnythingStarts()
    {
        var headers = new Dictionary<string, string> { ["Idempotency-Key"] = new string('k', 256) };
        using var response = await _api.SendAsync(HttpMethod.Post, "/api/sessions", _api.ApiKey, """{"template":"shell"}""", headers);
        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "validation", "Idempotency-Key");
    }

    private async Task<HttpResponseMessage> SendChunkedAsync(string path, string token, byte[] body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StreamContent(new MemoryStream(body)) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Authorization = new("Bearer", token);
        return await _api.Http.SendAsync(request);
    }

    private static string Json(object value) => System.Text.Json.JsonSerializer.Serialize(value);
}
