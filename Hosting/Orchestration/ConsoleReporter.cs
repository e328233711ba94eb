using System.Globalization;
using System.Text;

namespace Aspire.Hosting.Orchestration;

/// <summary>
/// The AppHost's console: one line per state or health change, every child line prefixed with its
/// replica's name, and a table with the URLs once everything is healthy.
/// </summary>
internal sealed class ConsoleReporter
{
    private static readonly string[] s_colors = ["36", "33", "35", "32", "34", "96", "93", "95"];
    private readonly bool _useColor = !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null;
    private readonly Dictionary<string, string> _prefixes = [];
    private readonly Lock _gate = new();

    public ConsoleReporter(ResourceNotifications notifications) => notifications.Changed += OnChanged;

    public void WriteChildLine(string source, string text) => Console.Out.WriteLine(Prefix(source) + text);

    public void Info(string text) => Console.Out.WriteLine(Prefix("apphost") + text);

    public void WriteTable(IReadOnlyList<ResourceSnapshot> resources)
    {
        string[] header = ["Resource", "State", "Health", "URL", "PID", "Restarts"];
        var rows = resources.Select(r => new[]
        {
            r.Name, r.State, r.Health.ToString(), string.Join(' ', r.Urls),
            r.Pid?.ToString(CultureInfo.InvariantCulture) ?? "-", r.Restarts.ToString(CultureInfo.InvariantCulture),
        }).Prepend(header).ToList();
        var widths = Enumerable.Range(0, header.Length).Select(i => rows.Max(row => row[i].Length)).ToArray();

        var table = new StringBuilder().AppendLine();
        foreach (var row in rows)
        {
            table.Append("  ").AppendJoin("  ", row.Select((cell, i) => cell.PadRight(widths[i]))).AppendLine();
        }

        Console.Out.Write(table.ToString());
    }

    private void OnChanged(ResourceSnapshot now, ResourceSnapshot before)
    {
        var message = now.Message is null ? string.Empty : $" ({now.Message})";
        if (now.State != before.State || now.Message != before.Message)
        {
            var pid = now.Pid is { } id ? $", pid {id}" : string.Empty;
            Info($"{now.Name}: {now.State}{pid}{message}");
        }
        else if (now.Health != before.Health && now.Health != ResourceHealthStatus.Unknown)
        {
            // Health only means something while running; Unknown is just "not probed yet".
            Info($"{now.Name}: {now.Health}");
        }
    }

    private string Prefix(string source)
    {
        lock (_gate)
        {
            if (!_prefixes.TryGetValue(source, out var prefix))
            {
                prefix = _useColor && source != "apphost"
                    ? $"\e[{s_colors[_prefixes.Count % s_colors.Length]}m[{source}]\e[0m "
                    : $"[{source}] ";
                _prefixes[source] = prefix;
            }

            return prefix;
        }
    }
}
