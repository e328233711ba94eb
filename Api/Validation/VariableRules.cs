using System.Text;
using Aspire.Sandbox.Api.Limits;

namespace Aspire.Sandbox.Api.Validation;

/// <summary>Environment variables and secrets: POSIX-style names, values a process environment can hold.</summary>
public static class VariableRules
{
    public static void Check(IReadOnlyDictionary<string, string>? variables, string field, int maxCount, ValidationErrors errors)
    {
        if (variables is null) return;
        if (variables.Count > maxCount) errors.Report(field, $"At most {maxCount} entries.");
        var isSecret = field == "secrets";
        foreach (var (name, value) in variables)
        {
            // Secret names are not echoed back: a value pasted in the wrong place must not land in a log.
            var entry = isSecret ? field : $"{field}.{Shorten(name)}";
            if (!IsName(name)) errors.Report(entry, "Names are 1-256 ASCII letters, digits and '_', not starting with a digit.");
            if (value is null) errors.Report(entry, "A value is required (a string).");
            else if (value.Contains('\0')) errors.Report(entry, "Values may not contain NUL.");
            else if (Encoding.UTF8.GetByteCount(value) > ApiLimits.MaxVariableValueBytes) errors.Report(entry, $"Values may hold at most {ApiLimits.MaxVariableValueBytes} bytes.");
            else if (isSecret && value.Length == 0) errors.Report(entry, "A secret may not be empty.");
        }
    }

    public static bool IsName(string name) =>
        name.Length is > 0 and <= ApiLimits.MaxVariableNameLength
        && !char.IsAsciiDigit(name[0])
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private static string Shorten(string text) => text.Length <= 64 ? text : text[..64] + "…";
}
