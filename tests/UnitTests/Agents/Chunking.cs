namespace Aspire.Sandbox.UnitTests.Agents;

/// <summary>How a transcript is cut into the pieces a parser is fed: reads split output anywhere.</summary>
public enum Chunking
{
    Whole,
    Lines,
    SevenChars,
    OneChar,
}
