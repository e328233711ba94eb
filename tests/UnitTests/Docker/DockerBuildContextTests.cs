using System.Formats.Tar;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Text;
using Aspire.Sandbox.Worker.Docker;

namespace Aspire.Sandbox.UnitTests.Docker;

// Links, modes and FIFOs are the point of these tests; the engine's contexts come from Linux hosts.
[UnsupportedOSPlatform("windows")]
public sealed class DockerBuildContextTests
{
    private const UnixFileMode Executable =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    [Fact]
    public void PacksFilesAndDirectoriesUnderRelativePathsInSortedOrder()
    {
        using var context = new TemporaryDirectory();
        context.Write("Dockerfile", "FROM base\nCOPY . /app\n");
        context.Write("hello.txt", "hello\n");
        context.Write(".hidden", "dot file\n");
        var script = context.Write("bin/run.sh", "#!/bin/sh\necho run\n");
        File.SetUnixFileMode(script, Executable);
        Directory.CreateDirectory(Path.Combine(context.Path, "bin", "empty"));

        var entries = Read(DockerBuildContext.FromDirectory(context.Path));

        Assert.Equal([".hidden", "Dockerfile", "bin/", "bin/empty/", "bin/run.sh", "hello.txt"], entries.Select(e => e.Name));
        Assert.All(entries, e => Assert.False(e.Name.StartsWith('/') || e.Name.Split('/').Contains("..")));
        Assert.Equal(
            [TarEntryType.RegularFile, TarEntryType.RegularFile, TarEntryType.Directory, TarEntryType.Directory, TarEntryType.RegularFile, TarEntryType.RegularFile],
            entries.Select(e => e.Type));
        Assert.Equal("hello\n", entries.Single(e => e.Name == "hello.txt").Text);
        Assert.Equal(Executable, entries.Single(e => e.Name == "bin/run.sh").Mode);
    }

    [Fact]
    public void ARelativePathWorksAndTheStreamStartsAtItsBeginning()
    {
        using var context = new TemporaryDirectory();
        context.Write("Dockerfile", "FROM base\n");
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, context.Path);

        using var tar = DockerBuildContext.FromDirectory(relative);

        Assert.Equal(0, tar.Position);
        Assert.Equal(["Dockerfile"], Read(tar).Select(e => e.Name));
    }

    [Fact]
    public void LinksThatStayInsideArePackedAsWhatTheyPointAt()
    {
        using var context = new TemporaryDirectory();
        context.Write("real/config.json", "{}\n");
        context.Link("alias.json", "real/config.json");
        context.Link("absolute.json", Path.Combine(context.Path, "real", "config.json"));
        context.Link("same", "real");
        context.Link("real/up-and-back.json", "../real/./config.json");

        var entries = Read(DockerBuildContext.FromDirectory(context.Path));

        Assert.Equal(
            ["absolute.json", "alias.json", "real/", "real/config.json", "real/up-and-back.json", "same/", "same/config.json", "same/up-and-back.json"],
            entries.Select(e => e.Name));
        Assert.All(entries, e => Assert.True(e.Type is TarEntryType.RegularFile or TarEntryType.Directory, $"{e.Name} is a {e.Type}"));
        Assert.All(entries.Where(e => e.Type == TarEntryType.RegularFile), e => Assert.Equal("{}\n", e.Text));
    }

    [Fact]
    public void AContextThatIsItselfALinkIsPackedFromItsTarget()
    {
        using var context = new TemporaryDirectory();
        context.Write("ctx/Dockerfile", "FROM base\n");
        var link = context.Link("link-to-ctx", "ctx");

        Assert.Equal(["Dockerfile"], Read(DockerBuildContext.FromDirectory(link)).Select(e => e.Name));
    }

    [Theory]
    [InlineData("../outside/secret.txt")]
    [InlineData("OUTSIDE_ABSOLUTE")]
    [InlineData("../outside")]
    [InlineData("sub/../../outside/secret.txt")]
    public void ALinkPointingOutsideTheContextIsRefused(string target)
    {
        using var parent = new TemporaryDirectory();
        parent.Write("outside/secret.txt", "do not send\n");
        parent.Write("ctx/Dockerfile", "FROM base\n");
        parent.Write("ctx/sub/keep.txt", "\n");
        var context = Path.Combine(parent.Path, "ctx");
        target = target.Replace("OUTSIDE_ABSOLUTE", Path.Combine(parent.Path, "outside", "secret.txt"), StringComparison.Ordinal);
        parent.Link("ctx/leak", target);

        var error = Assert.Throws<IOException>(() => DockerBuildContext.FromDirectory(context));

        Assert.Contains("'leak'", error.Message, StringComparison.Ordinal);
        Assert.Contains("outside", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ALinkLeavingThroughAnotherLinkIsRefusedEvenWhenItsTextLooksInside()
    {
        using var parent = new TemporaryDirectory();
        parent.Write("outside/secret.txt", "do not send\n");
        parent.Write("outside/deep/placeholder", "\n");
        parent.Write("ctx/a/secret.txt", "harmless decoy\n");
        parent.Link("ctx/a/z-escape", "../../outside/deep");
        // As text a/z-escape/../secret.txt is a/secret.txt, inside; the kernel follows z-escape first and ends outside.
        // Sorted, innocent.txt comes before z-escape, so this is the link itself being judged, not its accomplice.
        parent.Link("ctx/a/innocent.txt", "z-escape/../secret.txt");

        var error = Assert.Throws<IOException>(() => DockerBuildContext.FromDirectory(Path.Combine(parent.Path, "ctx")));

        Assert.Contains("'a/innocent.txt' points outside", error.Message, StringComparison.Ordinal);
        Assert.Contains("/outside/secret.txt'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ADanglingLinkIsRefused()
    {
        using var context = new TemporaryDirectory();
        context.Link("gone", "nothing-here");

        var error = Assert.Throws<IOException>(() => DockerBuildContext.FromDirectory(context.Path));

        Assert.Contains("points at nothing", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    public void ALinkToADirectoryContainingItIsRefusedInsteadOfLoopingForever(string target)
    {
        using var context = new TemporaryDirectory();
        context.Write("sub/file.txt", "\n");
        context.Link("sub/loop", target);

        var error = Assert.Throws<IOException>(() => DockerBuildContext.FromDirectory(context.Path));

        Assert.Contains("containing itself", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFifoIsRefusedWithoutBlocking()
    {
        using var context = new TemporaryDirectory();
        context.Write("Dockerfile", "FROM base\n");
        Assert.Equal(0, MakeFifo(Path.Combine(context.Path, "pipe"), 0x1A4 /* 0644 */));

        // On a thread of its own: opening a FIFO to read it would block until a writer came.
        var error = await Task.Run(() => Assert.Throws<IOException>(() => DockerBuildContext.FromDirectory(context.Path)))
            .WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Contains("'pipe' is a Fifo", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingDirectoryIsReportedAsSuch()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-context-{Guid.NewGuid():N}");

        Assert.Throws<DirectoryNotFoundException>(() => DockerBuildContext.FromDirectory(missing));
    }

    private static List<(string Name, TarEntryType Type, UnixFileMode Mode, string? Text)> Read(Stream tar)
    {
        using var reader = new TarReader(tar);
        var entries = new List<(string, TarEntryType, UnixFileMode, string?)>();
        while (reader.GetNextEntry() is { } entry)
        {
            var text = entry.DataStream is null ? null : new StreamReader(entry.DataStream, Encoding.UTF8).ReadToEnd();
            entries.Add((entry.Name, entry.EntryType, entry.Mode, text));
        }

        return entries;
    }

    // .NET has no mkfifo; LibraryImport would need unsafe code enabled for the whole test project.
    [DllImport("libc", EntryPoint = "mkfifo", SetLastError = true)]
    private static extern int MakeFifo([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint mode);
}
