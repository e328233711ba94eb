namespace Aspire.Sandbox.Worker.Runs;

/// <summary>Replaces every secret value in output text with <c>***</c> before it becomes a frame.</summary>
public sealed class SecretMasker(IEnumerable<string> secretValues)
{
    public const string Mask = "***";

    // Longest first, so a secret that contains another is masked whole.
    private readonly string[] _values = secretValues.Where(v => v.Length > 0).Distinct().OrderByDescending(v => v.Length).ToArray();

    public static readonly SecretMasker None = new([]);

    public string Apply(string text)
    {
        foreach (var value in _values)
            if (text.Contains(value, StringComparison.Ordinal)) text = text.Replace(value, Mask, StringComparison.Ordinal);
        return text;
    }
}
