using System.Globalization;
using System.Text;

namespace Aspire.Sandbox.Api.Sessions;

/// <summary>
/// A file path inside the workspace: relative, '/'-separated, no '.' or '..' segments (not even
/// percent-encoded, in case anything downstream ever decodes), no control, format or unpaired
/// surrogate characters. The worker writes files as plain tar entries, so nothing can be a link.
/// </summary>
public static class WorkspacePath
{
    public const int MaxLength = 1024;
    public const int MaxSegmentBytes = 255;

    /// <summary>Why the path is refused, or null when it is fine.</summary>
    public static string? Problem(string? path)
    {
        if (string.IsNullOrEmpty(path)) return "A path is required.";
        if (path.Length > MaxLength) return $"Paths may be at most {MaxLength} characters.";
        if (path.Any(IsForbidden) || HasUnpairedSurrogate(path)) return "Paths may not contain control, format or unpaired surrogate characters.";
        if (path.StartsWith('/') || path.StartsWith('\\') || path.Contains(':')) return "Paths are relative to the workspace (no leading '/', no drive).";
        foreach (var segment in path.Split('/', '\\'))
        {
            if (segment.Length == 0) return "Paths may not contain empty segments ('//' or a trailing '/').";
            if (segment is "." or ".." || Unescape(segment) is "." or "..") return "Paths may not contain '.' or '..' segments.";
            if (Encoding.UTF8.GetByteCount(segment) > MaxSegmentBytes) return $"Each path segment may be at most {MaxSegmentBytes} bytes.";
        }
        return null;
    }

    private static bool IsForbidden(char c) =>
        char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;

    private static bool HasUnpairedSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(text[i])) return true;
        }
        return false;
    }

    /// <summary>Percent-decodes until nothing changes (bounded), so '%252e%252e' is seen as '..' too.</summary>
    private static string Unescape(string segment)
    {
        for (var i = 0; i < 4 && segment.Contains('%'); i++)
        {
            var decoded = Uri.UnescapeDataString(segment);
            if (decoded == segment) break;
            segment = decoded;
        }
        return segment;
    }
}
