using System.Net.Http.Headers;
using Aspire.Sandbox.Contracts.Security;
using Microsoft.Extensions.Options;

/// <summary>
/// The dashboard's commands go through the Api as the session's owner would: with an owner token the AppHost signs
/// with the token-signing key it hands the Api, so the Api checks, orders and records them like any client's.
/// </summary>
internal sealed class SandboxApi(EndpointReference api, ParameterResource tokenKey, TimeProvider time) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private SessionTokenService? _tokens;

    public Task<ExecuteCommandResult> StopRunAsync(string sessionId, string runId, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, $"/api/sessions/{Uri.EscapeDataString(sessionId)}/runs/{Uri.EscapeDataString(runId)}/stop", sessionId, ct);

    public Task<ExecuteCommandResult> DeleteSessionAsync(string sessionId, CancellationToken ct) =>
        SendAsync(HttpMethod.Delete, $"/api/sessions/{Uri.EscapeDataString(sessionId)}", sessionId, ct);

    /// <summary>An owner token for <paramref name="sessionId"/> (also what the session link carries).</summary>
    public async Task<string> OwnerTokenAsync(string sessionId, CancellationToken ct)
    {
        _tokens ??= new SessionTokenService(
            Options.Create(new SandboxSecurityOptions { TokenKeys = [(await tokenKey.GetValueAsync(ct))!] }), time);
        return _tokens.Issue(sessionId, SessionRole.Owner);
    }

    private async Task<ExecuteCommandResult> SendAsync(HttpMethod method, string path, string sessionId, CancellationToken ct)
    {
        // Resolved per call: the Api's port is allocated at run time (random in tests).
        using var request = new HttpRequestMessage(method, new Uri(new Uri(api.Url), path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await OwnerTokenAsync(sessionId, ct));
        try
        {
            using var response = await _http.SendAsync(request, ct);
            if (response.IsSuccessStatusCode) return CommandResults.Success();
            var body = await response.Content.ReadAsStringAsync(ct);
            return CommandResults.Failure($"The Api answered {(int)response.StatusCode}: {Truncate(body)}");
        }
        catch (HttpRequestException e)
        {
            return CommandResults.Failure($"The Api cannot be reached: {e.Message}");
        }
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "…";

    public void Dispose() => _http.Dispose();
}
