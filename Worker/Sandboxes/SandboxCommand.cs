using System.Text;
using Aspire.Sandbox.Worker.Engine;

namespace Aspire.Sandbox.Worker.Sandboxes;

/// <summary>Runs a short command in a sandbox to its end and collects its output (for the platform's own steps, not user runs).</summary>
public sealed class SandboxCommand(ISandboxEngine engine)
{
    public sealed record Result(int? ExitCode, string Output);

    /// <param name="user">uid:gid to run as; the sandbox user unless given (the preview relay runs as another).</param>
    public async Task<Result> RunAsync(string containerId, IList<string> command, CancellationToken ct, IList<string>? env = null, string? user = null)
    {
        var execId = await engine.CreateExecAsync(containerId, new ExecDefinition
        {
            Command = [.. command],
            Env = env is null ? [] : [.. env],
            User = user ?? SandboxContainerSpec.SandboxUser,
            WorkingDir = SandboxContainerSpec.WorkspacePath,
        }, ct);
        var output = new StringBuilder();
        var decoder = Encoding.UTF8.GetDecoder();
        await using (var stream = await engine.StartExecAsync(execId, tty: false, ct))
            while (await stream.ReadAsync(ct) is { } chunk)
            {
                var chars = new char[decoder.GetCharCount(chunk.Data.Span, flush: false)];
                output.Append(chars, 0, decoder.GetChars(chunk.Data.Span, chars, flush: false));
            }
        return new Result(await engine.WaitForExitCodeAsync(execId, ct), output.ToString());
    }
}
