using System.Globalization;

namespace Aspire.Sandbox.Worker.Docker;

/// <summary>Status line and headers of an HTTP/1.1 response read off a raw socket (header names case-insensitive).</summary>
public sealed record HttpResponseHead(int StatusCode, string ReasonPhrase, IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>True for the answers after which the socket carries the raw process stream.</summary>
    /// <remarks>101 when the upgrade was honoured; engines that ignore the Upgrade header hijack after a 200.</remarks>
    public bool IsHijacked => StatusCode is 101 or 200;

    public long? ContentLength =>
        Headers.TryGetValue("Content-Length", out var text)
        && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var length)
            ? length
            : null;

    public string? ContentType => Headers.GetValueOrDefault("Content-Type");
}
