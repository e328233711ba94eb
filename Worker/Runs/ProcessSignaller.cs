using System.Globalization;
using System.Text;
using Aspire.Sandbox.Worker.Docker;
using Aspire.Sandbox.Worker.Sandboxes;

namespace Aspire.Sandbox.Worker.Runs;

/// <summary>
/// Signals every process of a run inside its sandbox. Each run's processes carry the environment
/// marker <c>SBX_RUN=&lt;run id&gt;</c>, inherited by every descendant, so even a child that left
/// the process group (setsid, nohup) is found. Works through exec, so it needs no host access.
/// </summary>
public sealed class ProcessSignaller(DockerEngineClient docker)
{
    public const string MarkerVariable = "SBX_RUN";

    // $1 = signal (0 only counts), $2 = run id. Prints how many processes matched.
    private const string SignalScript = """
        n=0
        for e in /proc/[0-9]*/environ; do
          pid=${e#/proc/}; pid=${pid%/environ}
          if tr '\0' '\n' < "$e" 2>/dev/null | grep -qx "SBX_RUN=$2"; then
            kill -s "$1" "$pid" 2>/dev/null && n=$((n+1))
          fi
        done
        echo $n
        """;

    private const string OomKillsScript =
        "cat /sys/fs/cgroup/memory.events /sys/fs/cgroup/memory/memory.oom_control 2>/dev/null | awk '$1==\"oom_kill\"{print $2; exit}'";

    /// <summary>Sends <paramref name="signal"/> (e.g. TERM, KILL, or 0 to count) and returns how many processes it reached.</summary>
    public async Task<int> SignalAsync(string containerId, string runId, string signal, CancellationToken ct)
    {
        var output = await RunAsync(containerId, ["sh", "-c", SignalScript, "sbx-signal", signal, runId], ct);
        return int.TryParse(output.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
    }

    /// <summary>How many processes the kernel's OOM killer has killed in this sandbox so far.</summary>
    public async Task<long> OomKillsAsync(string containerId, CancellationToken ct)
    {
        var output = await RunAsync(containerId, ["sh", "-c", OomKillsScript], ct);
        return long.TryParse(output.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
    }

    private async Task<string> RunAsync(string containerId, IList<string> command, CancellationToken ct)
    {
        var execId = await docker.CreateExecAsync(containerId, new ExecCreateRequest
        {
            Cmd = command,
            User = SandboxContainerSpec.SandboxUser,
            AttachStdout = true,
            AttachStderr = false,
        }, ct);
        var text = new StringBuilder();
        await using var stream = await docker.StartExecAsync(execId, tty: false, ct);
        while (await stream.ReadAsync(ct) is { } chunk) text.Append(Encoding.UTF8.GetString(chunk.Data.Span));
        return text.ToString();
    }
}
