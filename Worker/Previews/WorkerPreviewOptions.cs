namespace Aspire.Sandbox.Worker.Previews;

/// <summary>The worker's side of previews (section <c>Sandbox:Preview</c>, beside the shared <c>PreviewOptions</c>).</summary>
public sealed class WorkerPreviewOptions
{
    public const string SectionName = "Sandbox:Preview";

    /// <summary>
    /// Host directory under which each sandbox gets one directory, bind-mounted at <see cref="MountPath"/>, where its relay
    /// listens on a Unix socket. The Docker engine must see the same path: the worker runs on the engine's host.
    /// </summary>
    public string SocketRoot { get; set; } = Path.Combine(Path.GetTempPath(), "aspire-sandbox-previews");

    /// <summary>
    /// The uid:gid the relay runs as inside the sandbox, and the owner of its socket directory: not the sandbox user, so
    /// nothing the sandbox runs can replace the socket by a link to some other socket of the host (the worker connects to
    /// whatever the path names).
    /// </summary>
    public string RelayUser { get; set; } = "999:999";

    /// <summary>
    /// Where the Web reaches this worker's preview endpoint (e.g. <c>http://10.0.0.5:8080</c>); empty: the address
    /// this worker's server is bound to, with a wildcard host read as 127.0.0.1 (one host).
    /// </summary>
    public string WorkerUrl { get; set; } = "";

    /// <summary>How long a connection waits for the relay, and a sleeping sandbox to wake, before the request fails.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Preview traffic counts as activity (the sandbox does not sleep); recorded at most this often per session.</summary>
    public TimeSpan ActivityInterval { get; set; } = TimeSpan.FromSeconds(5);

    public const string MountPath = "/run/sandbox-preview";
    public const string SocketName = "relay.sock";
}
