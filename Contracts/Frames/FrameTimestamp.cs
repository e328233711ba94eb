namespace Aspire.Sandbox.Contracts.Frames;

/// <summary>Reads a frame's <c>ts</c> from its wire JSON without parsing it (the relay does this for every live frame).</summary>
public static class FrameTimestamp
{
    private const string Property = "\"ts\":";

    /// <summary>
    /// The frame's top-level <c>ts</c> (microseconds since the Unix epoch). It is the last occurrence: the serializer
    /// writes the base record's properties after the derived ones, so <c>ts</c> comes last and a nested object (a
    /// tool's input) may hold a <c>"ts"</c> of its own before it. A <c>"ts":</c> inside a string cannot match: its
    /// quotes are escaped.
    /// </summary>
    public static bool TryRead(string json, out long microseconds)
    {
        microseconds = 0;
        var at = json.LastIndexOf(Property, StringComparison.Ordinal);
        if (at < 0) return false;
        var digits = json.AsSpan(at + Property.Length);
        var length = 0;
        while (length < digits.Length && char.IsAsciiDigit(digits[length])) length++;
        return length > 0 && long.TryParse(digits[..length], System.Globalization.NumberStyles.None, null, out microseconds);
    }
}
