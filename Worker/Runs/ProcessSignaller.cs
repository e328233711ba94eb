using System.Globalization;
using Aspire.Sandbox.Worker.Engine;
using Aspire.Sandbox.Worker.Sandboxes;

namespace Aspire.Sandbox.Worker.Runs;

/// <summary>
/// Signals every process of a run inside its sandbox. Each run's processes carry the environment
/// marker <c>SBX_RUN=&lt;run id&gt;</c>, inherited by every descendant, so even a child that left
/// the process group (setsid, nohup) is found. Works through exec, so it needs no host access.
/// </summary>
public sealed class ProcessSignaller(SandboxCommand sandboxCommand)
{
    public const string MarkerVariable = "SBX_RUN";

    // $1 = signal (0 only counts), $2 = run id. Prints how many processes matched. Bash builtins
    // only: when a fork bomb has used up the pids limit, a script that forks could not run at all.
    private const string SignalScript = """
        n=0
        for e in /proc/[0-9]*/environ; do
          while IFS= read -r -d '' v; do
            if [[ $v == "SBX_RUN=$2" ]]; then
              p=${e#/proc/}; kill -s "$1" "${p%/environ}" 2>/dev/null && n=$((n+1)); break
            fi
          done < "$e" 2>/dev/null
        done
        echo "count=$n"
        """;

    private const string OomKillsScript =
        "cat /sys/fs/cgroup/memory.events /sys/fs/cgroup/memory/memory.oom_control 2>/dev/null | awk '$1==\"oom_kill\"{print $2; exit}'";

    /// <summary>
    /// Sends <paramref name="signal"/> (e.g. TERM, KILL, or 0 to count) and returns how many processes it
    /// reached, or null when the sandbox could not even run the check (e.g. no pids left).
    /// </summary>
    public async Task<int?> SignalAsync(string containerId, string runId, string signal, CancellationToken ct)
    {
        try
        {
            var output = await RunAsync(containerId, ["bash", "-c", SignalScript, "sbx-signal", signal, runId], ct);
            var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("count=", StringComparison.Ordinal));
            return int.TryParse(line?["count=".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
        }
        catch (EngineRequestException)
        {
            return null;
        }
    }

    /// <summary>How many processes the kernel's OOM killer has killed in this sandbox so far.</summary>
    public async Task<long> OomKillsAsync(string containerId, CancellationToken ct)
    {
        var output = await RunAsync(containerId, ["sh", "-c", OomKillsScript], ct);
        return long.TryParse(output.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
    }

    private async Task<string> RunAsync(string containerId, IList<string> command, CancellationToken ct) =>
        (await sandboxCommand.RunAsync(containerId, command, ct)).Output;
}
