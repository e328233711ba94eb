namespace Aspire.Sandbox.Worker.Docker;

/// <summary>An rlimit for the container's processes, e.g. <c>nofile</c> or <c>fsize</c>.</summary>
public sealed record Ulimit(string Name, long Soft, long Hard);
