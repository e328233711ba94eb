using Microsoft.AspNetCore.Http;

namespace Aspire.Sandbox.Contracts.Security;

public static class BearerToken
{
    private const string Prefix = "Bearer ";

    public static string? From(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) && header.Length > Prefix.Length
            ? header[Prefix.Length..].Trim()
            : null;
    }
}
