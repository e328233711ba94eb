using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Aspire.Sandbox.Worker.Docker;

/// <summary>Images, containers, volumes and file upload.</summary>
public sealed partial class DockerEngineClient
{
    public async Task<bool> ImageExistsAsync(string image, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(image);
        var path = await VersionedAsync($"/images/{ImageName(image)}/json", cancellationToken).ConfigureAwait(false);
        using var response = await SendAsync(HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <returns>The new container's id.</returns>
    /// <exception cref="DockerImageNotFoundException">The image is not on this host.</exception>
    /// <exception cref="DockerConflictException">The name is taken.</exception>
    public async Task<string> CreateContainerAsync(ContainerCreateRequest request, string? name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = string.IsNullOrEmpty(name) ? "" : "?name=" + Escape(name);
        var path = await VersionedAsync("/containers/create" + query, cancellationToken).ConfigureAwait(false);
        using var response = await SendJsonAsync(
            HttpMethod.Post, path, request, DockerJsonContext.Default.ContainerCreateRequest, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            await ThrowErrorAsync(response, request.Image, cancellationToken).ConfigureAwait(false);
        }

        var created = await ReadJsonAsync(response, DockerJsonContext.Default.IdResponse, cancellationToken).ConfigureAwait(false);
        return created.Id;
    }

    /// <summary>Starts the container; already running (304) is fine.</summary>
    public Task StartContainerAsync(string id, CancellationToken cancellationToken) =>
        PostAsync($"/containers/{Escape(id)}/start", cancellationToken, HttpStatusCode.NotModified);

    /// <summary>Stop signal, then SIGKILL after <paramref name="timeout"/>; already stopped (304) is fine.</summary>
    public Task StopContainerAsync(string id, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var seconds = (int)Math.Ceiling(Math.Max(0, timeout.TotalSeconds));
        return PostAsync(
            $"/containers/{Escape(id)}/stop?t={seconds.ToString(CultureInfo.InvariantCulture)}",
            cancellationToken,
            HttpStatusCode.NotModified);
    }

    /// <exception cref="DockerConflictException">The container is not running.</exception>
    public Task KillContainerAsync(string id, string signal, CancellationToken cancellationToken) =>
        PostAsync($"/containers/{Escape(id)}/kill?signal={Escape(signal)}", cancellationToken);

    /// <summary>Removes the container; one that is already gone (404) is fine, so cleanup can be repeated.</summary>
    public async Task RemoveContainerAsync(string id, bool force, bool removeVolumes, CancellationToken cancellationToken)
    {
        var path = await VersionedAsync(
            $"/containers/{Escape(id)}?force={Flag(force)}&v={Flag(removeVolumes)}", cancellationToken).ConfigureAwait(false);
        using var response = await SendAsync(HttpMethod.Delete, path, null, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken, HttpStatusCode.NotFound).ConfigureAwait(false);
    }

    /// <returns>The container, or null when there is no such container.</returns>
    public async Task<ContainerInspectResponse?> InspectContainerAsync(string id, CancellationToken cancellationToken)
    {
        var path = await VersionedAsync($"/containers/{Escape(id)}/json", cancellationToken).ConfigureAwait(false);
        using var response = await SendAsync(HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return await ReadJsonAsync(response, DockerJsonContext.Default.ContainerInspectResponse, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Containers carrying every given label (an empty value means "has the label, any value").</summary>
    public async Task<IReadOnlyList<ContainerSummary>> ListContainersAsync(
        IReadOnlyDictionary<string, string> labelFilter, bool all, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(labelFilter);
        var labels = labelFilter.Select(l => string.IsNullOrEmpty(l.Value) ? l.Key : $"{l.Key}={l.Value}").ToArray();
        var filters = JsonSerializer.Serialize(
            new Dictionary<string, string[]> { ["label"] = labels }, DockerJsonContext.Default.DictionaryStringStringArray);
        var path = await VersionedAsync(
            $"/containers/json?all={Flag(all)}&filters={Escape(filters)}", cancellationToken).ConfigureAwait(false);
        using var response = await SendAsync(HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return await ReadJsonAsync(response, DockerJsonContext.Default.ListContainerSummary, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Removes a named volume; one that is already gone (404) is fine.</summary>
    /// <exception cref="DockerConflictException">A container still uses it.</exception>
    public async Task RemoveVolumeAsync(string name, CancellationToken cancellationToken)
    {
        var path = await VersionedAsync($"/volumes/{Escape(name)}", cancellationToken).ConfigureAwait(false);
        using var response = await SendAsync(HttpMethod.Delete, path, null, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken, HttpStatusCode.NotFound).ConfigureAwait(false);
    }

    /// <summary>
    /// Extracts an <b>uncompressed</b> tar into <paramref name="path"/> (a directory that must exist). Never send
    /// compressed archives: the engine once ran the container's own decompressor as host root (CVE-2026-41567).
    /// The caller keeps ownership of <paramref name="tar"/>.
    /// </summary>
    public async Task PutArchiveAsync(string containerId, string path, Stream tar, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tar);
        var url = await VersionedAsync(
            $"/containers/{Escape(containerId)}/archive?path={Escape(path)}&noOverwriteDirNonDir=true",
            cancellationToken).ConfigureAwait(false);
        var content = new StreamContent(tar);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-tar");
        using var response = await SendAsync(HttpMethod.Put, url, content, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
    }

    private async Task PostAsync(string path, CancellationToken cancellationToken, params HttpStatusCode[] alsoFine)
    {
        var versioned = await VersionedAsync(path, cancellationToken).ConfigureAwait(false);
        using var response = await SendAsync(HttpMethod.Post, versioned, null, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken, alsoFine).ConfigureAwait(false);
    }

    private static string Flag(bool value) => value ? "true" : "false";
}
