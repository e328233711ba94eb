namespace Aspire.Sandbox.Api.Sessions;

/// <summary>A file path inside the workspace: relative, no '..', no control characters.</summary>
public static class WorkspacePath
{
    public const int MaxLength = 1024;

    /// <summary>Why the path is refused, or null when it is fine.</summary>
    public static string? Problem(string? path)
    {
        if (string.IsNullOrEmpty(path)) return "A path is required.";
        if (path.Length > MaxLength) return $"Paths may be at most {MaxLength} characters.";
        if (path.Any(char.IsControl)) return "Paths may not contain control characters.";
        if (path.StartsWith('/') || path.StartsWith('\\') || path.Contains(':')) return "Paths are relative to the workspace.";
        if (path.Split('/', '\\').Any(segment => segment is ".." or "." or "")) return "Paths may not contain '..', '.' or empty segments.";
        return null;
    }
}
