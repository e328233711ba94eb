using System.Text;

namespace Aspire.Sandbox.IntegrationTests.Api;

/// <summary>
/// Random and mutated request bodies, query strings and ids, from a seed (so a failure can be replayed):
/// valid bodies with bytes flipped, cut or inserted; JSON of the wrong shape, depth, size or encoding.
/// </summary>
public sealed class FuzzInputs(int seed)
{
    private static readonly string[] Seeds =
    [
        """{"template":"shell","name":"n","files":[{"path":"a/b.txt","content":"x"}],"env":{"A":"1"},"secrets":{"S":"v"}}""",
        """{"prompt":"echo hi","env":{"A":"1"},"timeoutSeconds":5}""",
        """{"command":["sh","-c","true"],"secrets":{"T":"x"}}""",
        """{"data":"hello\n"}""",
        """{"template":"terminal"}""",
    ];

    private static readonly string[] Fields = ["template", "name", "files", "env", "secrets", "prompt", "command", "timeoutSeconds", "data", "path", "content", "", "__proto__", "$type"];

    private static readonly string[] Values =
    [
        "null", "true", "0", "-1", "1e400", "99999999999999999999", "\"\"", "\"../../etc/passwd\"", "\"/etc/x\"", "\"a\\u0000b\"",
        "\"\\ud800\"", "[]", "{}", "[null]", "[{}]", "{\"\":\"\"}", "\"%2e%2e/x\"", "\"C:\\\\x\"", "[\"a\",1]", "{\"1A\":\"x\"}",
    ];

    private static readonly string[] ContentTypes = ["application/json", "application/json; charset=utf-8", "text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin1", ""];

    private readonly Random _random = new(seed);

    public byte[] Body() => _random.Next(8) switch
    {
        0 => Encoding.UTF8.GetBytes(Seeds[_random.Next(Seeds.Length)]),
        1 => FlipBytes(Encoding.UTF8.GetBytes(Seeds[_random.Next(Seeds.Length)])),
        2 => Cut(Encoding.UTF8.GetBytes(Seeds[_random.Next(Seeds.Length)])),
        3 => Insert(Encoding.UTF8.GetBytes(Seeds[_random.Next(Seeds.Length)])),
        4 => Encoding.UTF8.GetBytes(RandomObject(depth: 0)),
        5 => Encoding.UTF8.GetBytes(Nested(_random.Next(1, 2_000))),
        6 => RandomBytes(_random.Next(0, 512)),
        _ => Encoding.UTF8.GetBytes(Values[_random.Next(Values.Length)]),
    };

    public string? ContentType() => ContentTypes[_random.Next(ContentTypes.Length)] is { Length: > 0 } type ? type : null;

    /// <summary>A session or run id: usually the real one, else something odd (encoded, long, unicode).</summary>
    public string Id(string real) => _random.Next(4) switch
    {
        0 => Uri.EscapeDataString(RandomText(_random.Next(1, 40))),
        1 => "%2e%2e%2f" + real,
        2 => new string('a', _random.Next(1, 2_000)),
        _ => real,
    };

    public string Query() => _random.Next(4) switch
    {
        0 => "",
        1 => $"?after={Uri.EscapeDataString(RandomText(_random.Next(0, 30)))}&limit={Uri.EscapeDataString(RandomText(_random.Next(0, 6)))}",
        2 => $"?limit={_random.Next(-5, 2_000)}&after={_random.Next()}-{_random.Next()}",
        _ => $"?after=0-0&limit={_random.Next(1, 50)}",
    };

    public string? IdempotencyKey() => _random.Next(6) switch
    {
        0 => Guid.NewGuid().ToString(),
        1 => "fixed-key",
        // Header values must be ASCII on the wire; within that, anything (spaces, 300 characters, nothing).
        2 => new string(Enumerable.Range(0, _random.Next(0, 300)).Select(_ => (char)_random.Next(0x20, 0x7F)).ToArray()),
        _ => null,
    };

    public int Next(int max) => _random.Next(max);

    private string RandomObject(int depth)
    {
        var members = Enumerable.Range(0, _random.Next(0, 6)).Select(_ =>
            $"\"{Fields[_random.Next(Fields.Length)]}\":{RandomValue(depth + 1)}");
        return "{" + string.Join(",", members) + "}";
    }

    private string RandomValue(int depth) => _random.Next(5) switch
    {
        0 when depth < 4 => RandomObject(depth),
        1 when depth < 4 => "[" + string.Join(",", Enumerable.Range(0, _random.Next(0, 4)).Select(_ => RandomValue(depth + 1))) + "]",
        2 => System.Text.Json.JsonSerializer.Serialize(RandomText(_random.Next(0, 40))),
        _ => Values[_random.Next(Values.Length)],
    };

    private static string Nested(int depth) => new string('[', depth) + new string(']', depth);

    private string RandomText(int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++) chars[i] = (char)(_random.Next(3) == 0 ? _random.Next(0, 0xFFFF) : _random.Next(0x20, 0x7F));
        return new string(chars);
    }

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }

    private byte[] FlipBytes(byte[] bytes)
    {
        for (var i = 0; i < 1 + _random.Next(4) && bytes.Length > 0; i++) bytes[_random.Next(bytes.Length)] = (byte)_random.Next(256);
        return bytes;
    }

    private byte[] Cut(byte[] bytes) => bytes[.._random.Next(bytes.Length)];

    private byte[] Insert(byte[] bytes)
    {
        var at = _random.Next(bytes.Length + 1);
        return [.. bytes[..at], .. RandomBytes(_random.Next(1, 16)), .. bytes[at..]];
    }
}
