namespace Aspire.Sandbox.Worker.Docker;

/// <summary>
/// realpath(3) in managed code: resolves every symbolic link of an absolute path, not only the last one
/// (<see cref="FileSystemInfo.ResolveLinkTarget"/> does that). Needed to decide whether a link really stays
/// inside a directory: <c>a -> dirlink/../x</c> looks harmless as text but goes wherever <c>dirlink</c> goes.
/// </summary>
internal static class RealPath
{
    // Linux's own limit (MAXSYMLINKS); beyond it the kernel answers ELOOP, and so do we.
    private const int MaxLinkHops = 40;

    /// <returns>The path without links, <c>.</c> or <c>..</c>; null when some component does not exist.</returns>
    /// <exception cref="IOException">Links form a loop.</exception>
    public static string? Resolve(string absolutePath)
    {
        if (!Path.IsPathRooted(absolutePath))
        {
            throw new ArgumentException($"'{absolutePath}' is not an absolute path.", nameof(absolutePath));
        }

        var pending = new Stack<string>();
        Push(pending, absolutePath);
        var resolved = new List<string>();
        var hops = 0;
        while (pending.TryPop(out var part))
        {
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (resolved.Count > 0)
                {
                    resolved.RemoveAt(resolved.Count - 1);
                }

                continue;
            }

            var candidate = Join(resolved, part);
            var target = new FileInfo(candidate).LinkTarget;
            if (target is null)
            {
                if (!Path.Exists(candidate))
                {
                    return null;
                }

                resolved.Add(part);
                continue;
            }

            if (++hops > MaxLinkHops)
            {
                throw new IOException($"Too many levels of symbolic links resolving '{absolutePath}'.");
            }

            // A relative target is relative to the link's directory, which is exactly what 'resolved' holds now.
            if (Path.IsPathRooted(target))
            {
                resolved.Clear();
            }

            Push(pending, target);
        }

        return Join(resolved, null);
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="directory"/> or below it (both real paths).</summary>
    public static bool IsInside(string directory, string path)
    {
        var prefix = Path.TrimEndingDirectorySeparator(directory);
        return path == prefix || path.StartsWith(prefix + "/", StringComparison.Ordinal) || prefix == "/";
    }

    private static void Push(Stack<string> pending, string path)
    {
        var parts = path.Split('/');
        for (var i = parts.Length - 1; i >= 0; i--)
        {
            pending.Push(parts[i]);
        }
    }

    private static string Join(List<string> parts, string? last) =>
        "/" + string.Join('/', last is null ? parts : parts.Append(last));
}
