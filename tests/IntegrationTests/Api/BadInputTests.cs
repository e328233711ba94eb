using System.Net;
using System.Text;
using Aspire.Sandbox.IntegrationTests.Support;

namespace Aspire.Sandbox.IntegrationTests.Api;

/// <summary>Bodies that are not what the contract says: 400 (or 413/415) with a ProblemDetails naming the field. Nothing is created.</summary>
[Collection(SandboxAppCollection.Name)]
public sealed class BadInputTests(SandboxAppFixture app)
{
    private readonly ApiTarget _api = new(app);

    public static TheoryData<string, string, string> MalformedSessionBodies => new()
    {
        { """{"template":""", "malformed-body", "template" },
        { """{"template":"shell",}""", "malformed-body", "body" },
        { """{"template":5}""", "malformed-body", "template" },
        { """{"template":"shell","files":"x"}""", "malformed-body", "files" },
        { """{"template":"shell","files":[{"path":"a","content":5}]}""", "malformed-body", "files[0].content" },
        { """{"template":"shell","env":{"A":1}}""", "malformed-body", "env.A" },
        { """{"template":"shell","comand":["ls"]}""", "malformed-body", "comand" },
        { """{"template":"shell","template":"terminal"}""", "malformed-body", "template" },
        { """["shell"]""", "malformed-body", "body" },
        { """{"template":"shell","name":"\ud800"}""", "malformed-body", "name" },
        { "{}", "validation", "template" },
        { """{"template":"no-such-template"}""", "validation", "template" },
        { """{"template":"shell","files":[{"path":"a"}]}""", "validation", "files[0].content" },
        { """{"template":"shell","env":{"1A":"x"}}""", "validation", "env.1A" },
        { """{"template":"shell","env":{"A-B":"x"}}""", "validation", "env.A-B" },
        { """{"template":"shell","env":{"A":"x\u0000y"}}""", "validation", "env.A" },
        { """{"template":"shell","secrets":{"S":""}}""", "validation", "secrets" },
        { """{"template":"shell","files":[{"path":"a","content":""},{"path":"a","content":""}]}""", "validation", "files[1].path" },
        { """{"template":"shell","files":[{"path":"a","content":""},{"path":"a/b","content":""}]}""", "validation", "files[1].path" },
    };

    [Theory]
    [MemberData(nameof(MalformedSessionBodies))]
    public async Task MalformedSessionBodyIsAnswered400NamingTheField(string body, string type, string field)
    {
        using var response = await _api.SendAsync(HttpMethod.Post, "/api/sessions", _api.ApiKey, body);
        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, type, field);
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("/etc/x")]
    [InlineData("a/../../x")]
    [InlineData("a/./b")]
    [InlineData("a//b")]
    [InlineData("..\\x")]
    [InlineData("C:\\x")]
    [InlineData("%2e%2e/x")]
    [InlineData("%252e%252e/x")]
    [InlineData("a/%2E%2E/%2e%2e/x")]
    [InlineData("a\u0000b")]
    [InlineData("a\nb")]
    [InlineData("a\u202Eb")]
    [InlineData("")]
    public async Task PathsThatCouldLeaveTheWorkspaceAreRefused(string path)
    {
        var body = System.Text.Json.JsonSerializer.Serialize(new { template = "shell", files = new[] { new { path, content = "x" } } });
        using var response = await _api.SendAsync(HttpMethod.Post, "/api/sessions", _api.ApiKey, body);
        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "validation", "files[0].path");
    }

    [Fact]
    public async Task JsonEscapedTraversalIsRefusedLikeThePlainOne()
    {
        using var response = await _api.SendAsync(HttpMethod.Post, "/api/sessions", _api.ApiKey,
            """{"template":"shell","files":[{"path":"\u002e\u002e/x","content":"x"}]}""");
        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "validation", "files[0].path");
    }

    [Fact]
    public async Task InvalidUtf8IsAnswered400NamingTheField()
    {
        byte[] body = [.. "{\"template\":\""u8, 0xFF, 0xFE, .. "\"}"u8];
        using var response = await RawRequest.SendAsync(_api.Http, HttpMethod.Post, "/api/sessions", _api.ApiKey, body, "application/json");
        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "malformed-body", "template");
    }

    [Fact]
    public async Task BodyThatIsNotJsonOrMissingIsRefused()
    {
        using var text = await RawRequest.SendAsync(_api.Http, HttpMethod.Post, "/api/sessions", _api.ApiKey, "template=shell"u8.ToArray(), "text/plain");
        using var empty = await RawRequest.SendAsync(_api.Http, HttpMethod.Post, "/api/sessions", _api.ApiKey, [], "application/json");
        using var none = await RawRequest.SendAsync(_api.Http, HttpMethod.Post, "/api/sessions", _api.ApiKey, body: null, contentType: null);

        await ProblemAssert.IsAsync(text, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        await ProblemAssert.IsAsync(empty, HttpStatusCode.BadRequest, "malformed-body", "body");
        Assert.True(none.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnsupportedMediaType, $"{none.StatusCode}");
        ProblemAssert.IsProblem(none, await none.Content.ReadAsStringAsync(), none.StatusCode == HttpStatusCode.BadRequest ? "malformed-body" : "unsupported-media-type");
    }

    [Fact]
    public async Task EachSessionLimitExceededByOneIsRefused()
    {
        var tooManySecrets = Enumerable.Range(0, 65).ToDictionary(i => $"S{i}", _ => "v");
        var tooManyFiles = Enumerable.Range(0, 1001).Select(i => new { path = $"f{i}", content = "" });
        var tooMuchContent = new[] { new { path = "a", content = new string('a', 5 * 1024 * 1024) }, new { path = "b", content = new string('b', 5 * 1024 * 1024 + 1) } };
        (object Body, string Field)[] cases =
        [
            (new { template = "shell", secrets = tooManySecrets }, "secrets"),
            (new { template = "shell", files = tooManyFiles }, "files"),
            (new { template = "shell", files = tooMuchContent }, "files"),
            (new { template = "shell", name = new string('n', 201) }, "name"),
            (new { template = "shell", env = new Dictionary<string, string> { [new string('A', 257)] = "x" } }, "env." + new string('A', 64) + "…"),
            (new { template = "shell", env = new Dictionary<string, string> { ["A"] = new string('x', 64 * 1024 + 1) } }, "env.A"),
        ];
        foreach (var (body, field) in cases)
        {
            using var response = await _api.SendAsync(HttpMethod.Post, "/api/sessions", _api.ApiKey, System.Text.Json.JsonSerializer.Serialize(body));
            await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "validation", field);
        }
    }

    [Fact]
    public async Task SessionBodyOverSixteenMebibytesIs413()
    {
        var body = Encoding.UTF8.GetBytes($$"""{"template":"shell","name":"{{new string('n', 16 * 1024 * 1024)}}"}""");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/sessions") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Authorization = new("Bearer", _api.ApiKey);
        // As curl does for large bodies: the 413 comes before the body is sent (otherwise the server's early
        // answer and close can reach the client as a broken pipe while it is still sending).
        request.Headers.ExpectContinue = true;

        using var response = await _api.Http.SendAsync(request);

        await ProblemAssert.IsAsync(response, HttpStatusCode.RequestEntityTooLarge, "payload-too-large", "body");
    }
}
