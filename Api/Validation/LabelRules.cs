namespace Aspire.Sandbox.Api.Validation;

/// <summary>
/// Labels set at creation and used as listing filters (<c>label=key:value</c>). Keys take no ':' so a filter
/// splits unambiguously; both sides are plain ASCII so they are safe in a query string, a log line and a hash field.
/// </summary>
public static class LabelRules
{
    public const int MaxLabels = 16;
    public const int MaxKeyLength = 63;
    public const int MaxValueLength = 128;

    public static void Check(IReadOnlyDictionary<string, string>? labels, ValidationErrors errors)
    {
        if (labels is null) return;
        if (labels.Count > MaxLabels) errors.Report("labels", $"At most {MaxLabels} labels.");
        foreach (var (key, value) in labels.Take(MaxLabels + 1))
        {
            var field = IsKey(key) ? $"labels.{key}" : "labels";
            if (!IsKey(key)) errors.Report(field, KeyRule);
            if (value is null || !IsValue(value)) errors.Report(field, ValueRule);
        }
    }

    /// <summary>Parses the <c>label</c> query parameters (<c>key:value</c>, all must match).</summary>
    public static Dictionary<string, string> ParseFilters(IEnumerable<string?> filters, ValidationErrors errors)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var filter in filters)
        {
            var colon = filter?.IndexOf(':') ?? -1;
            if (filter is null || colon < 0 || !IsKey(filter[..colon]) || !IsValue(filter[(colon + 1)..]))
                errors.Report("label", $"Each label filter is key:value. {KeyRule} {ValueRule}");
            else labels[filter[..colon]] = filter[(colon + 1)..];
        }
        if (labels.Count > MaxLabels) errors.Report("label", $"At most {MaxLabels} label filters.");
        return labels;
    }

    private const string KeyRule = "Keys are 1-63 ASCII letters, digits, '.', '_', '-' or '/', starting with a letter or digit.";
    private const string ValueRule = "Values are 0-128 ASCII letters, digits, '.', '_', '-', '/', ':', '@' or '+'.";

    public static bool IsKey(string? key) =>
        key is { Length: > 0 and <= MaxKeyLength } && char.IsAsciiLetterOrDigit(key[0])
        && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '/');

    public static bool IsValue(string? value) =>
        value is { Length: <= MaxValueLength } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '/' or ':' or '@' or '+');
}
