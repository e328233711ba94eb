using Aspire.Sandbox.Worker.Engine;
using Docker.DotNet.Models;

namespace Aspire.Sandbox.Worker.Docker;

/// <summary>
/// Builds an image from an uncompressed tar context (see <see cref="DockerBuildContext"/>), reporting each output
/// line as it arrives. Intermediate containers go even when a step fails (<c>rm</c>, <c>forcerm</c>), so a broken
/// Dockerfile leaves no litter. Cancelling closes the connection, which makes the engine abandon the build.
/// </summary>
public sealed class DockerImageBuilder(VersionPinnedDockerClient docker)
{
    /// <returns>The id of the built image, <c>sha256:…</c>.</returns>
    /// <exception cref="ImageBuildFailedException">A step failed; carries the engine's message and the last output.</exception>
    /// <exception cref="EngineRequestException">The engine refused the request itself (e.g. an invalid tag).</exception>
    public async Task<string> BuildAsync(
        Stream tarContext, ImageBuildRequest request, IProgress<ImageBuildProgress>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tarContext);
        ArgumentNullException.ThrowIfNull(request);
        // Reported to synchronously by the library, on the reading thread, in order.
        var lines = new BuildOutputLines(progress);
        try
        {
            var client = await docker.GetAsync(ct).ConfigureAwait(false);
            await client.Images.BuildImageFromDockerfileAsync(
                new ImageBuildParameters
                {
                    Tags = request.Tag is null ? null : [request.Tag],
                    Dockerfile = request.Dockerfile,
                    BuildArgs = request.BuildArgs is null ? null : new Dictionary<string, string>(request.BuildArgs),
                    Labels = request.Labels is null ? null : new Dictionary<string, string>(request.Labels),
                    NetworkMode = request.NetworkMode,
                    Remove = true,
                    ForceRemove = true,
                },
                tarContext, authConfigs: null, headers: null, lines, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (DockerErrors.Translate(e, "image build", ct) is { } translated)
        {
            throw translated;
        }

        return lines.Complete();
    }
}
