using System.Text.Json.Nodes;

namespace Aspire.Sandbox.UnitTests.Agents;

/// <summary>
/// Recorded agent transcripts (<c>Fixtures/&lt;format&gt;/&lt;name&gt;.jsonl</c>) and the frames each must give
/// (<c>&lt;name&gt;.frames.jsonl</c>, one frame per line as <see cref="ParserHarness.Normalize"/> shows it).
/// </summary>
public static class AgentFixtures
{
    private static string Folder => Path.Combine(AppContext.BaseDirectory, "Agents", "Fixtures");

    public static string Transcript(string fixture) => File.ReadAllText(Path.Combine(Folder, fixture + ".jsonl"));

    public static List<JsonObject> ExpectedFrames(string fixture) =>
        File.ReadAllLines(Path.Combine(Folder, fixture + ".frames.jsonl"))
            .Where(line => line.Length > 0)
            .Select(line => JsonNode.Parse(line)!.AsObject())
            .ToList();
}
