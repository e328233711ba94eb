using Aspire.Sandbox.Contracts.Frames;

namespace Aspire.Sandbox.Worker.Agents;

/// <summary>
/// Turns an agent's stdout text into typed frames (text-delta, tool-start, ...). Text arrives in
/// arbitrary pieces; lines may be split across pieces. Whatever is not agent protocol comes back
/// as stdout frames, so nothing is dropped. A parser can never produce a control frame.
/// </summary>
public interface IAgentOutputParser
{
    /// <summary>Feeds the next piece of stdout text; returns the frames it completes.</summary>
    IEnumerable<Frame> Feed(string text);

    /// <summary>The process ended: flushes a partial last line and ends the answer (a fallback <c>done</c>).</summary>
    IEnumerable<Frame> Complete();
}
