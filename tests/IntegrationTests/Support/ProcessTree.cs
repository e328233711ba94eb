using System.Globalization;

namespace Aspire.Sandbox.IntegrationTests.Support;

/// <summary>Processes as /proc shows them: parents, children, command lines.</summary>
public static class ProcessTree
{
    public static IEnumerable<int> All() =>
        Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(name => name!.All(char.IsAsciiDigit))
            .Select(name => int.Parse(name!, CultureInfo.InvariantCulture));

    public static bool IsAlive(int pid) => File.Exists($"/proc/{pid}/stat") && State(pid) != 'Z';

    public static string CommandLine(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' '); }
        catch (IOException) { return ""; }
        catch (UnauthorizedAccessException) { return ""; }
    }

    public static IEnumerable<int> Children(int pid) => All().Where(child => Parent(child) == pid);

    public static IEnumerable<int> SelfAndDescendants(int pid) => [pid, .. Children(pid).SelectMany(SelfAndDescendants)];

    private static int Parent(int pid) => Stat(pid) is { Length: > 3 } fields ? int.Parse(fields[1], CultureInfo.InvariantCulture) : -1;

    private static char State(int pid) => Stat(pid) is { Length: > 3 } fields ? fields[0][0] : 'X';

    /// <summary>The fields after the command name (which may hold spaces): state, ppid, pgrp, …</summary>
    private static string[] Stat(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException) { return []; }
    }
}
