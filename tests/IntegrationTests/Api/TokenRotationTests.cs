using System.Net;
using Aspire.Sandbox.Contracts.Security;

namespace Aspire.Sandbox.IntegrationTests.Api;

/// <summary>During a key rollover both keys verify; any other key, or an expired token, does not.</summary>
[Collection(IsolatedApiCollection.Name)]
public sealed class TokenRotationTests(IsolatedApiFixture api)
{
    [Fact]
    public async Task TokensSignedWithThePreviousKeyStillWorkDuringARollover()
    {
        var session = await IsolatedSessions.CreateAsync(api.Roomy);
        var previous = TestTokens.Issue(api.PreviousTokenKey, session.Id, SessionRole.Owner, DateTimeOffset.UtcNow, TimeSpan.FromHours(1));

        using var response = await RawRequest.SendAsync(api.Roomy, HttpMethod.Get, $"/api/sessions/{session.Id}", previous, json: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task TokensSignedWithAnUnknownKeyOrExpiredAreRefused()
    {
        var session = await IsolatedSessions.CreateAsync(api.Roomy);
        var foreign = TestTokens.Issue(TestTokens.NewKey(), session.Id, SessionRole.Owner, DateTimeOffset.UtcNow, TimeSpan.FromHours(1));
        var expired = TestTokens.Issue(api.CurrentTokenKey, session.Id, SessionRole.Owner, DateTimeOffset.UtcNow.AddHours(-2), TimeSpan.FromHours(1));

        foreach (var token in new[] { foreign, expired })
        {
            using var response = await RawRequest.SendAsync(api.Roomy, HttpMethod.Get, $"/api/sessions/{session.Id}", token, json: null);
            await ProblemAssert.IsAsync(response, HttpStatusCode.Unauthorized, "unauthorized", "Authorization");
            Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString());
        }
    }
}
