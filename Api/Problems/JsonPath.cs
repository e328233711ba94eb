namespace Aspire.Sandbox.Api.Problems;

/// <summary>Splits System.Text.Json's error paths (<c>$.files[0].path</c>, <c>$.env['a.b']</c>) into segments.</summary>
public static class JsonPath
{
    /// <summary>Property names as strings, array indexes as ints.</summary>
    public static IReadOnlyList<object> Segments(string? path)
    {
        var segments = new List<object>();
        if (string.IsNullOrEmpty(path)) return segments;
        var i = path.StartsWith('$') ? 1 : 0;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = path.IndexOfAny(['.', '['], i + 1);
                if (end < 0) end = path.Length;
                segments.Add(path[(i + 1)..end]);
                i = end;
            }
            else if (path[i] == '[' && i + 1 < path.Length && path[i + 1] == '\'')
            {
                var end = path.IndexOf("']", i + 2, StringComparison.Ordinal);
                if (end < 0) break;
                segments.Add(path[(i + 2)..end]);
                i = end + 2;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                if (end < 0 || !int.TryParse(path.AsSpan(i + 1, end - i - 1), out var index)) break;
                segments.Add(index);
                i = end + 1;
            }
            else break;
        }
        return segments;
    }

    /// <summary>The field name used in <c>errors</c>: <c>files[0].path</c>, <c>env.NAME</c>; <c>body</c> for the whole body.</summary>
    public static string Field(IReadOnlyList<object> segments)
    {
        if (segments.Count == 0) return "body";
        var text = new System.Text.StringBuilder();
        foreach (var segment in segments)
        {
            if (segment is int index) text.Append('[').Append(index).Append(']');
            else text.Append(text.Length == 0 ? "" : ".").Append(segment);
        }
        return text.ToString();
    }
}
