using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Aspire.Sandbox.UnitTests.Api;

/// <summary>Failures nobody planned for still answer as ProblemDetails, even in Development, and say nothing of the code.</summary>
public sealed class ExceptionAnswerTests
{
    [Fact]
    public async Task UnhandledExceptionIsA500ProblemWithoutStackOrMessage()
    {
        await using var app = await InProcessApi.StartAsync(mapMore: a =>
            a.MapGet("/test/throws", IResult () => throw new InvalidOperationException("secret-detail-do-not-leak")));
        using var http = InProcessApi.Client(app);

        using var response = await http.GetAsync("/test/throws");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("https://aspire-sandbox.dev/problems/internal", body);
        Assert.Contains("traceId", body);
        Assert.DoesNotContain("secret-detail", body);
        Assert.DoesNotContain("InvalidOperationException", body);
        Assert.DoesNotContain("   at ", body);
    }

    [Fact]
    public async Task InvalidRateLimitsStopTheApiFromStarting()
    {
        var start = InProcessApi.StartAsync(new Dictionary<string, string?> { ["Sandbox:RateLimits:ApiKey:PermitLimit"] = "0" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => start);
        Assert.Contains("Sandbox:RateLimits", error.Message);
    }
}
