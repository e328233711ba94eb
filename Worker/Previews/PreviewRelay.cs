using System.Net.Sockets;
using System.Runtime.InteropServices;
using Aspire.Sandbox.Worker.Sandboxes;
using Microsoft.Extensions.Options;

namespace Aspire.Sandbox.Worker.Previews;

/// <summary>
/// The relay that carries preview traffic into a sandbox that has no network (preview-relay.py): its host directory,
/// bind-mounted into the sandbox, and the process, started in the sandbox as <see cref="WorkerPreviewOptions.RelayUser"/>.
/// </summary>
public sealed partial class PreviewRelay(SandboxCommand command, IOptions<WorkerPreviewOptions> options, ILogger<PreviewRelay> logger)
{
    private static readonly string Script = LoadScript();
    private static readonly TimeSpan SocketWait = TimeSpan.FromSeconds(10);

    public string DirectoryFor(string sessionId) => Path.Combine(options.Value.SocketRoot, sessionId);

    public string SocketPathFor(string sessionId) => Path.Combine(DirectoryFor(sessionId), WorkerPreviewOptions.SocketName);

    /// <summary>
    /// Creates the session's socket directory, owned by the relay's user and closed to everyone else (the sandbox user
    /// included); returns it, to be bind-mounted. Null when it cannot be made (previews then answer 502, nothing else fails).
    /// </summary>
    public string? PrepareDirectory(string sessionId)
    {
        // Unix sockets in a bind-mounted directory: a Linux engine on this host.
        if (!OperatingSystem.IsLinux()) return null;
        try
        {
            // The root only lets others through to a directory whose name they know.
            Directory.CreateDirectory(options.Value.SocketRoot, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
            var directory = DirectoryFor(sessionId);
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var (uid, gid) = RelayIds();
            if (chown(directory, uid, gid) != 0) throw new IOException($"chown {uid}:{gid} failed (errno {Marshal.GetLastPInvokeError()}); the worker must run as root");
            return directory;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            LogDirectoryFailed(e, sessionId);
            return null;
        }
    }

    public void RemoveDirectory(string sessionId)
    {
        try
        {
            if (Directory.Exists(DirectoryFor(sessionId))) Directory.Delete(DirectoryFor(sessionId), recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogDirectoryFailed(e, sessionId);
        }
    }

    /// <summary>Starts the relay in the background (it replaces a stale socket) and waits until its socket accepts connections.</summary>
    public async Task<bool> StartAsync(string sessionId, string containerId, CancellationToken ct)
    {
        if (!Directory.Exists(DirectoryFor(sessionId))) return false;
        var socket = $"{WorkerPreviewOptions.MountPath}/{WorkerPreviewOptions.SocketName}";
        var launch = $"nohup python3 -c \"$SBX_PREVIEW_RELAY\" {socket} >/dev/null 2>&1 & echo started";
        var result = await command.RunAsync(containerId, ["sh", "-c", launch], ct, ["SBX_PREVIEW_RELAY=" + Script], options.Value.RelayUser);
        if (result.ExitCode != 0)
        {
            LogStartFailed(sessionId, result.Output);
            return false;
        }
        var deadline = DateTime.UtcNow + SocketWait;
        while (DateTime.UtcNow < deadline)
        {
            if (await AcceptsAsync(sessionId, ct)) return true;
            await Task.Delay(25, ct);
        }
        LogStartFailed(sessionId, "its socket did not accept connections");
        return false;
    }

    /// <summary>Whether a relay listens on the session's socket now.</summary>
    public async Task<bool> AcceptsAsync(string sessionId, CancellationToken ct)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(SocketPathFor(sessionId)), ct);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private (int Uid, int Gid) RelayIds()
    {
        var parts = options.Value.RelayUser.Split(':');
        var uid = int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
        return (uid, parts.Length > 1 ? int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) : uid);
    }

    private static string LoadScript()
    {
        using var stream = typeof(PreviewRelay).Assembly.GetManifestResourceStream("preview-relay.py")
            ?? throw new InvalidOperationException("preview-relay.py is not embedded in the worker.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    // .NET has no chown; LibraryImport would need unsafe code for the whole project.
    [DllImport("libc", SetLastError = true)]
#pragma warning disable CA2101, SYSLIB1054 // a path of ASCII; plain DllImport on purpose (see above)
    private static extern int chown([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int owner, int group);
#pragma warning restore CA2101, SYSLIB1054

    [LoggerMessage(110, LogLevel.Warning, "The preview socket directory of session {SessionId} could not be prepared or removed")]
    private partial void LogDirectoryFailed(Exception exception, string sessionId);

    [LoggerMessage(111, LogLevel.Warning, "The preview relay of session {SessionId} did not start: {Output}")]
    private partial void LogStartFailed(string sessionId, string output);
}
