using Aspire.Sandbox.Worker.Engine;
using Docker.DotNet;
using Docker.DotNet.Models;
using Version = System.Version;

namespace Aspire.Sandbox.Worker.Docker;

/// <summary>
/// A Docker.DotNet client that speaks the API version the engine reports. The library puts no version in the
/// path unless told, and an engine answers 400 to a version newer than its own (Engine 20.10 knows 1.41, a
/// client asking 1.44 is refused), so the version is read from the unversioned <c>/version</c> first and pinned.
/// The engine may be away when the Worker starts: the pin is made on the first call that reaches it.
/// </summary>
public sealed class VersionPinnedDockerClient : IDisposable
{
    /// <summary>
    /// Per ordinary request. Long enough for a stop's grace period and a workspace archive upload; short enough
    /// that a hung engine is noticed. Exec and build streams are not bound by it (the library never times them out).
    /// </summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Oldest API the sandbox settings rely on (Init, NanoCpus, Mounts, exec Env and WorkingDir): Engine 20.10.</summary>
    public static readonly Version MinimumApiVersion = new(1, 41);

    private readonly Uri _endpoint;
    private readonly DockerClient _unversioned;
    private volatile DockerClient? _pinned;

    public VersionPinnedDockerClient(DockerEngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("unix" or "tcp" or "http"))
        {
            // Said at start-up, not on the first call: a typo in DOCKER_HOST should not read as "engine away".
            throw new ArgumentException($"'{options.Endpoint}' is not a Docker endpoint this Worker speaks (unix:// or tcp://).", nameof(options));
        }

        _endpoint = endpoint;
        _unversioned = Build(version: null);
    }

    /// <summary>The API version in use (e.g. <c>1.41</c>), or null before the engine was first reached.</summary>
    public Version? ApiVersion => _pinned?.Options.ApiVersion;

    /// <summary>Asks the engine for its version and (re)pins to the API version it reports.</summary>
    /// <exception cref="EngineUnavailableException">The engine reports a version this Worker cannot use.</exception>
    public async Task<VersionResponse> GetVersionAsync(CancellationToken ct)
    {
        var version = await _unversioned.System.GetVersionAsync(ct).ConfigureAwait(false);
        var api = Pin(version.APIVersion);
        if (_pinned?.Options.ApiVersion != api)
        {
            // The replaced client is not disposed: calls still in flight on it finish. It happens once per engine upgrade.
            _pinned = Build(api);
        }

        return version;
    }

    /// <summary>The pinned client; asks the engine's version first if nobody has yet.</summary>
    public async ValueTask<DockerClient> GetAsync(CancellationToken ct)
    {
        if (_pinned is { } pinned)
        {
            return pinned;
        }

        await GetVersionAsync(ct).ConfigureAwait(false);
        return _pinned!;
    }

    /// <summary>The engine's own API version, if this Worker can use it.</summary>
    /// <exception cref="EngineUnavailableException">Not a version, or older than <see cref="MinimumApiVersion"/>: for us, no engine.</exception>
    internal static Version Pin(string? reported)
    {
        if (!Version.TryParse(reported, out var api) || api.Major < 1)
        {
            throw new EngineUnavailableException($"Docker engine reports API version '{reported}', which is not a version.");
        }

        api = new Version(api.Major, api.Minor);
        return api >= MinimumApiVersion
            ? api
            : throw new EngineUnavailableException($"Docker engine speaks API {api}; this Worker needs {MinimumApiVersion} (Engine 20.10) or newer.");
    }

    public void Dispose()
    {
        _pinned?.Dispose();
        _unversioned.Dispose();
    }

    // The default transport for unix:// is the library's Unix socket handler, whose reads honour cancellation
    // (its NativeHttp transport ignores cancellation of a pending read); tcp:// gets its plain HTTP handler.
    private DockerClient Build(Version? version)
    {
        var builder = new DockerClientBuilder().WithEndpoint(_endpoint).WithTimeout(RequestTimeout);
        return (version is null ? builder : builder.WithApiVersion(version)).Build();
    }
}
