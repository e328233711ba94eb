namespace Aspire.Sandbox.Worker.Docker;

/// <summary>
/// One line of build output (<c>Step 2/5 : COPY …</c>, <c>RUN</c> output), without its line break.
/// The engine splits lines across messages as it likes; lines are reassembled before they are reported.
/// </summary>
public sealed record ImageBuildProgress(string Line);
