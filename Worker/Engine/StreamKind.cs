namespace Aspire.Sandbox.Worker.Engine;

/// <summary>Which stream a chunk of exec output came from; with a TTY everything is <see cref="Stdout"/>.</summary>
public enum StreamKind
{
    Stdout = 1,
    Stderr = 2,
}
