using System.Formats.Tar;

namespace Aspire.Sandbox.Worker.Docker;

/// <summary>
/// Makes the uncompressed tar that <see cref="DockerImageBuilder.BuildAsync"/> sends as the build context.
/// Only regular files and directories go in, under paths relative to the context. A symbolic link is replaced by
/// what it points at, and only if that lies inside the directory: the engine would otherwise receive files the
/// context's author never meant to share (<c>key -> /home/me/.ssh/id_ed25519</c>). <c>.dockerignore</c> is not read.
/// </summary>
public static class DockerBuildContext
{
    /// <summary>
    /// Packs <paramref name="directory"/> into memory (contexts are a Dockerfile and a few files) and returns the
    /// tar, positioned at its start. Entries are sorted, so the same directory always gives the same order.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    /// <exception cref="IOException">
    /// A link points outside the directory, at nothing, or at a directory containing it; or an entry is neither
    /// a regular file nor a directory (a FIFO, socket or device).
    /// </exception>
    public static Stream FromDirectory(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var root = RealPath.Resolve(Path.GetFullPath(directory));
        if (root is null || !Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"Build context directory '{directory}' does not exist.");
        }

        var tar = new MemoryStream();
        try
        {
            using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
            {
                AddChildren(writer, tar, root, root, "", [root]);
            }

            tar.Position = 0;
            return tar;
        }
        catch
        {
            tar.Dispose();
            throw;
        }
    }

    /// <param name="realDirectory">Where the entries are read from (no links in it).</param>
    /// <param name="entryPrefix">Where they go in the tar: "" or a relative path ending in '/'.</param>
    /// <param name="realAncestors">Real directories being packed around this one, to refuse link loops.</param>
    private static void AddChildren(
        TarWriter writer, MemoryStream tar, string root, string realDirectory, string entryPrefix, List<string> realAncestors)
    {
        foreach (var child in Directory.EnumerateFileSystemEntries(realDirectory).Order(StringComparer.Ordinal))
        {
            var entryName = entryPrefix + Path.GetFileName(child);
            var real = child;
            if (new FileInfo(child).LinkTarget is not null)
            {
                real = RealPath.Resolve(child)
                    ?? throw new IOException($"Build context link '{entryName}' points at nothing.");
                if (!RealPath.IsInside(root, real))
                {
                    throw new IOException($"Build context link '{entryName}' points outside the context, at '{real}'.");
                }
            }

            if (Directory.Exists(real))
            {
                if (realAncestors.Exists(ancestor => RealPath.IsInside(real, ancestor)))
                {
                    throw new IOException($"Build context link '{entryName}' points at a directory containing itself.");
                }

                writer.WriteEntry(real, entryName + "/");
                realAncestors.Add(real);
                AddChildren(writer, tar, root, real, entryName + "/", realAncestors);
                realAncestors.RemoveAt(realAncestors.Count - 1);
            }
            else
            {
                AddRegularFile(writer, tar, real, entryName);
            }
        }
    }

    private static void AddRegularFile(TarWriter writer, MemoryStream tar, string real, string entryName)
    {
        // .NET cannot tell a FIFO from a file without opening it, and opening a FIFO blocks until someone writes.
        // TarWriter looks with lstat and never opens one, so let it write the entry and read back what it found.
        var start = tar.Position;
        writer.WriteEntry(real, entryName);
        var end = tar.Position;
        tar.Position = start;
        TarEntryType? type;
        using (var reader = new TarReader(tar, leaveOpen: true))
        {
            type = reader.GetNextEntry(copyData: false)?.EntryType;
        }

        tar.Position = end;
        if (type is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
        {
            throw new IOException($"Build context entry '{entryName}' is a {type}, not a regular file or directory.");
        }
    }
}
