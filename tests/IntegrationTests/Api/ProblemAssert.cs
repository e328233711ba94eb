using System.Net;
using System.Text.Json;

namespace Aspire.Sandbox.IntegrationTests.Api;

/// <summary>What every error of the Api must be: problem+json with a stable type, a title, a traceId, no internals.</summary>
public static class ProblemAssert
{
    public const string TypeBase = "https://aspire-sandbox.dev/problems/";

    /// <summary>Checks the answer and returns the problem's JSON; <paramref name="field"/>, when given, must be named in <c>errors</c>.</summary>
    public static async Task<JsonElement> IsAsync(HttpResponseMessage response, HttpStatusCode status, string type, string? field = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        return IsProblem(response, body, type, field);
    }

    public static JsonElement IsProblem(HttpResponseMessage response, string body, string type, string? field = null)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal(TypeBase + type, problem.GetProperty("type").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.Equal((int)response.StatusCode, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("traceId").GetString()));
        AssertNoInternals(body);
        if (field is not null)
        {
            Assert.True(problem.TryGetProperty("errors", out var errors), $"no 'errors' in {body}");
            Assert.True(errors.TryGetProperty(field, out var messages) && messages.GetArrayLength() > 0, $"'{field}' not named in {body}");
        }
        return problem;
    }

    /// <summary>No stack trace, exception type or .NET type name ever reaches a client.</summary>
    public static void AssertNoInternals(string body)
    {
        Assert.DoesNotContain("   at ", body);
        Assert.DoesNotContain("Exception", body);
        Assert.DoesNotContain("System.", body);
        Assert.DoesNotContain("Aspire.Sandbox.", body);
    }
}
