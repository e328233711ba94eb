using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Aspire.Sandbox.Contracts.Previews;

/// <summary>
/// Preview host names: <c>{port}-{session}.{domain}</c>, the session id with its <c>_</c> written as <c>-</c>. Session ids
/// are <c>ses_</c> and lowercase base32 (no <c>-</c>), so the mapping is exact both ways, and the label stays a valid DNS
/// name (underscores are not, and certificates refuse them).
/// </summary>
public static class PreviewAddress
{
    public const int MinPort = 1;
    public const int MaxPort = 65535;

    public static string HostLabel(string sessionId, int port) =>
        string.Create(CultureInfo.InvariantCulture, $"{port}-{sessionId.Replace('_', '-')}");

    public static string Host(PreviewOptions options, string sessionId, int port) => $"{HostLabel(sessionId, port)}.{options.Domain}";

    public static string Url(PreviewOptions options, string sessionId, int port) => options.Port is { } p
        ? string.Create(CultureInfo.InvariantCulture, $"{options.Scheme}://{Host(options, sessionId, port)}:{p}/")
        : $"{options.Scheme}://{Host(options, sessionId, port)}/";

    /// <summary>Reads a request's host (without its port); false for any host that is not a preview host of <paramref name="domain"/>.</summary>
    public static bool TryParseHost(string host, string domain, [NotNullWhen(true)] out string? sessionId, out int port)
    {
        sessionId = null;
        port = 0;
        var suffix = "." + domain;
        if (domain.Length == 0 || !host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) return false;
        var label = host[..^suffix.Length].ToLowerInvariant();
        var dash = label.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0 || label.Contains('.', StringComparison.Ordinal)) return false;
        if (!int.TryParse(label.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < MinPort or > MaxPort)
            return false;
        var id = label[(dash + 1)..];
        // Only what a session id can be: letters, digits and the one separator.
        if (id.Length is 0 or > 64 || !id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')) return false;
        sessionId = id.Replace('-', '_');
        return true;
    }
}
