using System.Globalization;
using System.Text.RegularExpressions;

namespace Aspire.Sandbox.IntegrationTests.Support;

/// <summary>
/// Reads a value out of a service's raw <c>/metrics</c> text with a plain regex, independently of the dashboard's
/// parser, so a test of the dashboard cannot be fooled by the code it tests.
/// </summary>
public static class MetricsText
{
    /// <summary>The sum of the samples named <paramref name="name"/> whose labels include <paramref name="labels"/>; null if none.</summary>
    public static double? Value(string text, string name, params (string Name, string Value)[] labels)
    {
        double? total = null;
        foreach (Match match in Regex.Matches(text, $@"(?m)^{Regex.Escape(name)}(?:\{{(?<labels>[^}}]*)\}})? (?<value>\S+)"))
        {
            var found = match.Groups["labels"].Value;
            if (labels.All(l => found.Contains($"{l.Name}=\"{l.Value}\"", StringComparison.Ordinal)))
                total = (total ?? 0) + double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
        }
        return total;
    }
}
