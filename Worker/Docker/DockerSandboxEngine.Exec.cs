using Aspire.Sandbox.Worker.Engine;
using Docker.DotNet.Models;

namespace Aspire.Sandbox.Worker.Docker;

/// <summary>Processes run inside a sandbox: create, start (a hijacked stream), resize, inspect.</summary>
public sealed partial class DockerSandboxEngine
{
    public Task<string> CreateExecAsync(string containerId, ExecDefinition definition, CancellationToken ct) =>
        CallAsync("exec create", async (client, token) =>
            (await client.Exec.CreateContainerExecAsync(containerId, new ContainerExecCreateParameters
            {
                Cmd = [.. definition.Command],
                Env = [.. definition.Env],
                User = definition.User ?? "",
                WorkingDir = definition.WorkingDir ?? "",
                TTY = definition.Tty,
                AttachStdin = definition.AttachStdin,
                AttachStdout = true,
                AttachStderr = true,
                // Empty: ctrl-p ctrl-q typed into a terminal reach the program instead of detaching us.
                DetachKeys = definition.Tty ? "" : null!,
            }, token).ConfigureAwait(false)).ID, ct);

    public Task<IExecStream> StartExecAsync(string execId, bool tty, CancellationToken ct) =>
        CallAsync<IExecStream>("exec start", async (client, token) => new DockerExecStream(
            await client.Exec.StartContainerExecAsync(execId, new ContainerExecStartParameters { Detach = false, TTY = tty }, token)
                .ConfigureAwait(false)), ct);

    public Task ResizeExecAsync(string execId, int cols, int rows, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cols);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        return CallAsync("exec resize", (client, token) =>
            client.Exec.ResizeExecTtyAsync(execId, new ContainerResizeParameters { Width = cols, Height = rows }, token), ct);
    }

    public Task<ExecState> InspectExecAsync(string execId, CancellationToken ct) =>
        CallAsync("exec inspect", async (client, token) =>
        {
            var inspect = await client.Exec.InspectContainerExecAsync(execId, token).ConfigureAwait(false);
            return new ExecState(inspect.Running, inspect.Running ? null : (int?)inspect.ExitCode);
        }, ct);
}
