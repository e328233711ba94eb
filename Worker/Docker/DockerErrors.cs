using System.Net;
using System.Text.Json;

namespace Aspire.Sandbox.Worker.Docker;

/// <summary>Turns an engine error answer into the typed exception callers branch on.</summary>
internal static class DockerErrors
{
    /// <param name="image">Set only where a 404 can mean "no such image" (container create).</param>
    public static DockerApiException FromResponse(HttpStatusCode status, string body, string? image = null)
    {
        var message = ExtractMessage(status, body);
        return status switch
        {
            HttpStatusCode.NotFound when image is not null => new DockerImageNotFoundException(image, message),
            HttpStatusCode.Conflict => new DockerConflictException(message),
            _ => new DockerApiException(status, message),
        };
    }

    private static string ExtractMessage(HttpStatusCode status, string body)
    {
        try
        {
            var error = JsonSerializer.Deserialize(body, DockerJsonContext.Default.DockerErrorResponse);
            if (!string.IsNullOrWhiteSpace(error?.Message))
            {
                return error.Message;
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy, a very old engine): the raw text below is still the best explanation.
        }

        var text = body.Trim();
        return text.Length > 0 ? text : $"Docker engine answered {(int)status} {status}.";
    }
}
