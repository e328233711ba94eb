namespace Aspire.Sandbox.Worker.Engine;

/// <summary>A container found by label.</summary>
/// <param name="State"><c>created</c>, <c>running</c>, <c>exited</c>, … as the engine words it.</param>
public sealed record SandboxContainerInfo(string Id, string State, IReadOnlyDictionary<string, string> Labels);
