using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Aspire.Sandbox.Worker.Docker;

/// <summary>Images: inspect, remove, and build from a tar context with streamed output.</summary>
public sealed partial class DockerEngineClient
{
    private const int BuildReadBufferLength = 16 * 1024;

    /// <returns>The image, or null when there is no such image on this host.</returns>
    public async Task<ImageInspectResponse?> InspectImageAsync(string image, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(image);
        var path = await VersionedAsync($"/images/{ImageName(image)}/json", cancellationToken).ConfigureAwait(false);
        using var response = await SendAsync(HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return await ReadJsonAsync(response, DockerJsonContext.Default.ImageInspectResponse, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// Untags the image and deletes it with its now unused parent layers; an image that is already gone (404)
    /// is fine, so cleanup can be repeated. <paramref name="force"/> also removes it while containers use it.
    /// </summary>
    /// <exception cref="DockerConflictException">Without force: a container still uses the image.</exception>
    public async Task RemoveImageAsync(string image, bool force, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(image);
        var path = await VersionedAsync($"/images/{ImageName(image)}?force={Flag(force)}", cancellationToken)
            .ConfigureAwait(false);
        using var response = await SendAsync(HttpMethod.Delete, path, null, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken, HttpStatusCode.NotFound).ConfigureAwait(false);
    }

    /// <summary>
    /// Builds an image from an <b>uncompressed</b> tar of the context (see <see cref="DockerBuildContext"/>) and
    /// reports each output line through <paramref name="progress"/> as the engine sends it. Cancelling closes the
    /// connection, which makes the engine abandon the build. The caller keeps ownership of <paramref name="tarContext"/>.
    /// </summary>
    /// <returns>The id of the built image, <c>sha256:…</c>.</returns>
    /// <exception cref="DockerImageBuildException">A step failed; carries the engine's message and the last output.</exception>
    /// <exception cref="DockerApiException">The engine refused the request itself (e.g. an invalid tag).</exception>
    public async Task<string> BuildImageAsync(
        Stream tarContext, ImageBuildRequest request, IProgress<ImageBuildProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tarContext);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Dockerfile);
        var path = await VersionedAsync("/build?" + BuildQuery(request), cancellationToken).ConfigureAwait(false);
        var content = new StreamContent(tarContext);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-tar");
        using var response = await SendAsync(HttpMethod.Post, path, content, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);

        var parser = new ImageBuildStreamParser(progress);
        var buffer = new byte[BuildReadBufferLength];
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                parser.Feed(buffer.AsSpan(0, read));
            }
        }
        catch (IOException) when (cancellationToken.IsCancellationRequested)
        {
            // Cancellation aborts the connection; a read racing that abort sees the broken socket first.
            throw new OperationCanceledException(cancellationToken);
        }
        catch (IOException ex)
        {
            throw new DockerEngineUnavailableException($"Docker engine connection broke during an image build: {ex.Message}", ex);
        }

        return parser.Complete();
    }

    /// <summary>Keeps '/' between repository path segments: the engine routes <c>/images/{name:.*}</c> on the decoded path.</summary>
    private static string ImageName(string image) => string.Join('/', image.Split('/').Select(Escape));

    private static string BuildQuery(ImageBuildRequest request)
    {
        var query = new List<string>();
        if (!string.IsNullOrEmpty(request.Tag))
        {
            query.Add("t=" + Escape(request.Tag));
        }

        query.Add("dockerfile=" + Escape(request.Dockerfile));
        if (request.BuildArgs is { Count: > 0 } buildArgs)
        {
            query.Add("buildargs=" + Escape(JsonSerializer.Serialize(buildArgs, DockerJsonContext.Default.IDictionaryStringString)));
        }

        if (request.Labels is { Count: > 0 } labels)
        {
            query.Add("labels=" + Escape(JsonSerializer.Serialize(labels, DockerJsonContext.Default.IDictionaryStringString)));
        }

        if (!string.IsNullOrEmpty(request.NetworkMode))
        {
            query.Add("networkmode=" + Escape(request.NetworkMode));
        }

        // Intermediate containers go away even when a step fails: a broken Dockerfile must not leave litter.
        query.Add("rm=true");
        query.Add("forcerm=true");
        return string.Join('&', query);
    }
}
