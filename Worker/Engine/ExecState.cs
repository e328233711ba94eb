namespace Aspire.Sandbox.Worker.Engine;

/// <summary>An exec's state; <see cref="ExitCode"/> is known only once it is no longer <see cref="Running"/>.</summary>
public sealed record ExecState(bool Running, int? ExitCode);
