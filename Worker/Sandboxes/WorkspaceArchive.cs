using System.Formats.Tar;
using System.Text;
using Aspire.Sandbox.Contracts.Work;

namespace Aspire.Sandbox.Worker.Sandboxes;

/// <summary>
/// Packs session files into an uncompressed tar for the engine's archive upload: regular files
/// and their parent directories only (never links), owned by the sandbox user.
/// </summary>
public static class WorkspaceArchive
{
    private const int SandboxUid = 1000;
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode DirectoryMode = FileMode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    public static MemoryStream Create(IReadOnlyList<WorkspaceFile> files)
    {
        var stream = new MemoryStream();
        using (var tar = new TarWriter(stream, TarEntryFormat.Pax, leaveOpen: true))
        {
            var directories = new HashSet<string>(StringComparer.Ordinal);
            foreach (var file in files)
            {
                var path = Checked(file.Path);
                var segments = path.Split('/');
                for (var depth = 1; depth < segments.Length; depth++)
                {
                    var directory = string.Join('/', segments[..depth]) + "/";
                    if (directories.Add(directory)) tar.WriteEntry(Entry(TarEntryType.Directory, directory, null));
                }
                tar.WriteEntry(Entry(TarEntryType.RegularFile, path, Encoding.UTF8.GetBytes(file.Content)));
            }
        }
        stream.Position = 0;
        return stream;
    }

    /// <summary>Defence in depth: the Api validates paths too, but the archive endpoint has had host-escape bugs.</summary>
    private static string Checked(string path) =>
        path.Length == 0 || path.StartsWith('/') || path.Split('/').Any(s => s is "" or "." or "..") || path.Any(char.IsControl)
            ? throw new ArgumentException($"Refusing workspace path '{path}'.", nameof(path))
            : path;

    private static PaxTarEntry Entry(TarEntryType type, string name, byte[]? content)
    {
        var entry = new PaxTarEntry(type, name)
        {
            Uid = SandboxUid,
            Gid = SandboxUid,
            Mode = type == TarEntryType.Directory ? DirectoryMode : FileMode,
            ModificationTime = DateTimeOffset.UtcNow,
        };
        if (content is not null) entry.DataStream = new MemoryStream(content);
        return entry;
    }
}
