namespace Aspire.Sandbox.Worker.Agents;

/// <summary>Cuts text into pieces of at most a number of UTF-8 bytes, never inside a surrogate pair.</summary>
public static class Utf8Chunks
{
    public static IEnumerable<string> Split(string text, int maxBytes)
    {
        var start = 0;
        var bytes = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var pair = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            var size = pair ? 4 : text[i] < 0x80 ? 1 : text[i] < 0x800 ? 2 : 3;
            if (bytes + size > maxBytes)
            {
                yield return text[start..i];
                start = i;
                bytes = 0;
            }
            bytes += size;
            if (pair) i++;
        }
        if (start < text.Length) yield return text[start..];
    }
}
