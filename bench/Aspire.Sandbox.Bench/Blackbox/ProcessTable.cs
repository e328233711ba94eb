using System.Globalization;

namespace Aspire.Sandbox.Bench.Blackbox;

/// <summary>Processes as /proc shows them: parent, process group, start time and command line.</summary>
public static class ProcessTable
{
    public sealed record Entry(int Pid, int ParentPid, int GroupId, long StartTicks, long CpuTicks, string CommandLine)
    {
        public bool StillRunning => Find(Pid) is { } now && now.StartTicks == StartTicks;

        public override string ToString() => $"{Pid} {(CommandLine.Length > 120 ? CommandLine[..120] + "…" : CommandLine)}";
    }

    public static IReadOnlyList<Entry> All() =>
        [.. System.IO.Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? Find(pid) : null)
            .OfType<Entry>()];

    public static Entry? Find(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var commandLine = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
            // After the command: state, ppid, pgrp, …, utime, stime (fields 14, 15 of the whole line), …, starttime (22).
            return new Entry(pid, Int(fields[1]), Int(fields[2]), Long(fields[19]), Long(fields[11]) + Long(fields[12]), commandLine);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // gone meanwhile
        }
    }

    /// <summary><paramref name="roots"/> and every process below them.</summary>
    public static IReadOnlyList<Entry> WithDescendants(IReadOnlyList<Entry> all, IEnumerable<int> roots)
    {
        var found = new Dictionary<int, Entry>();
        var queue = new Queue<int>(roots);
        while (queue.TryDequeue(out var pid))
        {
            if (all.FirstOrDefault(p => p.Pid == pid) is not { } entry || !found.TryAdd(pid, entry)) continue;
            foreach (var child in all.Where(p => p.ParentPid == pid)) queue.Enqueue(child.Pid);
        }
        return [.. found.Values];
    }

    private static int Int(string s) => int.Parse(s, CultureInfo.InvariantCulture);

    private static long Long(string s) => long.Parse(s, CultureInfo.InvariantCulture);
}
