using System.Text.Json.Nodes;
using Aspire.Sandbox.Contracts.Frames;
using Aspire.Sandbox.Worker.Agents;
using Aspire.Sandbox.Worker.Runs;

namespace Aspire.Sandbox.UnitTests.Agents;

/// <summary>Feeds text to a parser the way the worker does and reads the frames back in a comparable form.</summary>
public static class ParserHarness
{
    public const string SessionId = "ses_test";
    public const string RunId = "run_test";

    /// <summary>The secret every fixture run is given (the <c>secrets</c> transcripts print it).</summary>
    public const string Secret = "sk-ant-test-SECRET123";

    public static IAgentOutputParser Create(string parser, params string[] secrets) =>
        AgentOutputParsers.Create(parser, SessionId, RunId, new SecretMasker(secrets))
        ?? throw new ArgumentException($"No parser named {parser}.", nameof(parser));

    public static List<Frame> Run(IAgentOutputParser parser, IEnumerable<string> pieces)
    {
        var frames = new List<Frame>();
        foreach (var piece in pieces) frames.AddRange(parser.Feed(piece));
        frames.AddRange(parser.Complete());
        return frames;
    }

    public static List<Frame> Run(string parser, string transcript, Chunking chunking = Chunking.Whole) =>
        Run(Create(parser, Secret), Cut(transcript, chunking));

    public static IEnumerable<string> Cut(string text, Chunking chunking) => chunking switch
    {
        Chunking.Whole => [text],
        Chunking.Lines => text.Split('\n').Select((line, i) => i == 0 ? line : "\n" + line), // the newline starts the next piece
        Chunking.SevenChars => text.Chunk(7).Select(c => new string(c)),
        _ => text.Select(c => c.ToString()),
    };

    /// <summary>Frames as JSON without id/session/run/ts, with neighbouring text-deltas and stdout pieces joined.</summary>
    public static List<JsonObject> Normalize(IEnumerable<Frame> frames)
    {
        var result = new List<JsonObject>();
        foreach (var frame in frames)
        {
            var json = JsonNode.Parse(FrameJson.Serialize(frame))!.AsObject();
            foreach (var name in new[] { "id", "session", "run", "ts" }) json.Remove(name);
            var type = (string)json["type"]!;
            var field = type switch { FrameTypes.TextDelta => "text", FrameTypes.Stdout => "data", _ => null };
            if (field is not null && result.Count > 0 && (string)result[^1]["type"]! == type)
                result[^1][field] = (string)result[^1][field]! + (string)json[field]!;
            else
                result.Add(json);
        }
        return result;
    }

    public static string Text(IEnumerable<Frame> frames) => string.Concat(frames.OfType<TextDeltaFrame>().Select(f => f.Text));

    public static string Stdout(IEnumerable<Frame> frames) => string.Concat(frames.OfType<StdoutFrame>().Select(f => f.Data));
}
