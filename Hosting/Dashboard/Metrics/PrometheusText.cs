using System.Globalization;
using System.Text;

namespace Aspire.Hosting.Dashboard.Metrics;

/// <summary>
/// Reads the Prometheus text exposition format (version 0.0.4), what every service's <c>/metrics</c> answers.
/// Like Prometheus, a malformed line fails the whole answer (<see cref="FormatException"/>) rather than showing part of it.
/// </summary>
internal static class PrometheusText
{
    public static PrometheusExposition Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var samples = new List<PrometheusSample>();
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var help = new Dictionary<string, string>(StringComparer.Ordinal);
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.TrimEnd('\r').Trim();
            if (line.Length == 0) continue;
            try
            {
                if (line[0] == '#') ReadComment(line, types, help);
                else samples.Add(ReadSample(line));
            }
            catch (FormatException e)
            {
                throw new FormatException($"Line {number}: {e.Message} ({Shorten(line)})", e);
            }
        }
        return new PrometheusExposition(samples, types, help);
    }

    /// <summary><c># TYPE name type</c> and <c># HELP name text</c>; any other comment is ignored.</summary>
    private static void ReadComment(string line, Dictionary<string, string> types, Dictionary<string, string> help)
    {
        var parts = line.Split(' ', 4, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 3 || parts[0] != "#") return;
        if (parts[1] == "TYPE") types[parts[2]] = parts.Length > 3 ? parts[3].Trim() : "untyped";
        else if (parts[1] == "HELP") help[parts[2]] = parts.Length > 3 ? Unescape(parts[3], inLabel: false) : "";
    }

    private static PrometheusSample ReadSample(string line)
    {
        var at = 0;
        var name = ReadName(line, ref at);
        if (name.Length == 0) throw new FormatException("A sample starts with a metric name.");
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (at < line.Length && line[at] == '{') ReadLabels(line, ref at, labels);
        var fields = line[at..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        // The value, then an optional timestamp.
        if (fields.Length is 0 or > 2) throw new FormatException("A sample has a value and at most a timestamp after its labels.");
        return new PrometheusSample(name, labels, ReadValue(fields[0]));
    }

    private static string ReadName(string line, ref int at)
    {
        var start = at;
        while (at < line.Length && IsNameChar(line[at], first: at == start)) at++;
        return line[start..at];
    }

    private static void ReadLabels(string line, ref int at, Dictionary<string, string> labels)
    {
        at++; // {
        while (true)
        {
            SkipSpaces(line, ref at);
            if (at < line.Length && line[at] == '}')
            {
                at++;
                return;
            }
            var name = ReadName(line, ref at);
            SkipSpaces(line, ref at);
            if (name.Length == 0 || at >= line.Length || line[at] != '=') throw new FormatException("A label is name=\"value\".");
            at++;
            SkipSpaces(line, ref at);
            if (at >= line.Length || line[at] != '"') throw new FormatException("A label value is quoted.");
            labels[name] = ReadQuoted(line, ref at);
            SkipSpaces(line, ref at);
            if (at < line.Length && line[at] == ',') at++;
            else if (at >= line.Length || line[at] != '}') throw new FormatException("Labels are separated by commas and closed by '}'.");
        }
    }

    /// <summary>A quoted label value; <c>\\</c>, <c>\"</c> and <c>\n</c> are its escapes.</summary>
    private static string ReadQuoted(string line, ref int at)
    {
        var start = ++at;
        while (at < line.Length && line[at] != '"') at += line[at] == '\\' ? 2 : 1;
        if (at >= line.Length) throw new FormatException("A label value is not closed.");
        var value = Unescape(line[start..at], inLabel: true);
        at++;
        return value;
    }

    private static string Unescape(string text, bool inLabel)
    {
        if (!text.Contains('\\')) return text;
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\' || i + 1 == text.Length)
            {
                result.Append(text[i]);
                continue;
            }
            var next = text[++i];
            result.Append(next switch
            {
                'n' => "\n",
                '\\' => "\\",
                '"' when inLabel => "\"",
                _ => string.Concat("\\", next.ToString()),
            });
        }
        return result.ToString();
    }

    private static double ReadValue(string text) => text switch
    {
        "+Inf" or "Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"'{text}' is not a sample value."),
    };

    private static bool IsNameChar(char c, bool first) =>
        char.IsAsciiLetter(c) || c is '_' or ':' || (!first && char.IsAsciiDigit(c));

    private static void SkipSpaces(string line, ref int at)
    {
        while (at < line.Length && line[at] is ' ' or '\t') at++;
    }

    private static string Shorten(string line) => line.Length <= 120 ? line : line[..120] + "…";
}
