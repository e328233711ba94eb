namespace Aspire.Sandbox.Worker.Engine;

/// <param name="Version">The engine's release, e.g. <c>20.10.24</c>.</param>
/// <param name="ApiVersion">The newest API it speaks, e.g. <c>1.41</c>; what this Worker talks to it in.</param>
public sealed record EngineVersion(string Version, string ApiVersion);
