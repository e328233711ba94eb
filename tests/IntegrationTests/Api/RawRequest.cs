using System.Net.Http.Headers;
using System.Text;

namespace Aspire.Sandbox.IntegrationTests.Api;

/// <summary>Requests as a careless or hostile client sends them: any bytes, any content type, any headers.</summary>
public static class RawRequest
{
    public static Task<HttpResponseMessage> SendAsync(
        HttpClient http, HttpMethod method, string path, string? bearer, string? json, IDictionary<string, string>? headers = null) =>
        SendAsync(http, method, path, bearer, json is null ? null : Encoding.UTF8.GetBytes(json), "application/json", headers);

    public static async Task<HttpResponseMessage> SendAsync(
        HttpClient http, HttpMethod method, string path, string? bearer, byte[]? body, string? contentType, IDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            if (contentType is not null) request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            // Like curl with large bodies: a refusal (413) arrives before the body is sent, not as a broken pipe mid-send.
            if (body.Length > 64 * 1024) request.Headers.ExpectContinue = true;
        }
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>()) request.Headers.TryAddWithoutValidation(name, value);
        return await http.SendAsync(request);
    }
}
