using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Aspire.Sandbox.TestSupport;

/// <summary>The REST API as a client program sees it (DESIGN §3.2).</summary>
public sealed class SandboxApiClient(HttpClient http, string apiKey)
{
    public sealed record CreatedSession(string Id, string Template, string Status, string Token, string ViewerToken);

    public sealed record CreatedRun(string RunId, string Status);

    public async Task<CreatedSession> CreateSessionAsync(object body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/sessions") { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        using var response = await http.SendAsync(request, ct);
        await EnsureAsync(response, ct);
        return (await response.Content.ReadFromJsonAsync<CreatedSession>(JsonSerializerOptions.Web, ct))!;
    }

    public async Task<CreatedRun> RunAsync(CreatedSession session, object body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/sessions/{session.Id}/runs") { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.Token);
        using var response = await http.SendAsync(request, ct);
        await EnsureAsync(response, ct);
        return (await response.Content.ReadFromJsonAsync<CreatedRun>(JsonSerializerOptions.Web, ct))!;
    }

    /// <summary>Sends a request with a bearer credential and returns the raw response (for status-code assertions).</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string bearer, object? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return await http.SendAsync(request, ct);
    }

    /// <summary>Polls the session until its status is <paramref name="wanted"/>; returns the last status seen.</summary>
    public async Task<string?> WaitForStatusAsync(string sessionId, string token, string wanted, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        string? status = null;
        while (status != wanted && !deadline.IsCancellationRequested)
        {
            using var response = await SendAsync(HttpMethod.Get, $"/api/sessions/{sessionId}", token, null, CancellationToken.None);
            await EnsureAsync(response, CancellationToken.None);
            status = (await response.Content.ReadFromJsonAsync<JsonElement>(CancellationToken.None)).GetProperty("status").GetString();
            if (status != wanted) await Task.Delay(TimeSpan.FromMilliseconds(250), CancellationToken.None);
        }
        return status;
    }

    private static async Task EnsureAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
    }
}
