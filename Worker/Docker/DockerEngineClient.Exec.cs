using System.Globalization;

namespace Aspire.Sandbox.Worker.Docker;

/// <summary>Processes run inside an existing container: create, start (hijacked stream), resize, inspect.</summary>
public sealed partial class DockerEngineClient
{
    /// <returns>The exec id, to pass to <see cref="StartExecAsync"/>.</returns>
    /// <exception cref="DockerConflictException">The container is not running or is paused.</exception>
    public async Task<string> CreateExecAsync(string containerId, ExecCreateRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = await VersionedAsync($"/containers/{Escape(containerId)}/exec", cancellationToken).ConfigureAwait(false);
        using var response = await SendJsonAsync(
            HttpMethod.Post, path, request, DockerJsonContext.Default.ExecCreateRequest, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        var created = await ReadJsonAsync(response, DockerJsonContext.Default.IdResponse, cancellationToken).ConfigureAwait(false);
        return created.Id;
    }

    /// <summary>
    /// Starts the exec and returns its live stream. <paramref name="tty"/> must match the exec's creation:
    /// it decides whether the bytes are multiplexed (false) or a raw terminal (true).
    /// </summary>
    /// <exception cref="DockerConflictException">The container stopped or is paused.</exception>
    public async Task<ExecStream> StartExecAsync(string execId, bool tty, CancellationToken cancellationToken)
    {
        var path = await VersionedAsync($"/exec/{Escape(execId)}/start", cancellationToken).ConfigureAwait(false);
        var body = tty ? """{"Detach":false,"Tty":true}""" : """{"Detach":false,"Tty":false}""";
        var (socket, initial) = await DockerHijack.UpgradeAsync(_endpoint, path, body, cancellationToken).ConfigureAwait(false);
        return new ExecStream(socket, tty, initial);
    }

    /// <summary>Sets the TTY size of a running exec (meaningful only with a TTY).</summary>
    public Task ResizeExecAsync(string execId, int cols, int rows, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cols);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        return PostAsync(
            string.Create(CultureInfo.InvariantCulture, $"/exec/{Escape(execId)}/resize?h={rows}&w={cols}"),
            cancellationToken);
    }

    /// <summary>Running, exit code (null until it has ended) and PID of an exec.</summary>
    public async Task<ExecInspectResponse> InspectExecAsync(string execId, CancellationToken cancellationToken)
    {
        var path = await VersionedAsync($"/exec/{Escape(execId)}/json", cancellationToken).ConfigureAwait(false);
        using var response = await SendAsync(HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return await ReadJsonAsync(response, DockerJsonContext.Default.ExecInspectResponse, cancellationToken)
            .ConfigureAwait(false);
    }
}
