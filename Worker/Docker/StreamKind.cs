namespace Aspire.Sandbox.Worker.Docker;

/// <summary>Which stream a chunk of exec output came from. Values are the engine's wire codes.</summary>
public enum StreamKind
{
    /// <summary>Echoed input; the engine writes it on stdout's connection (code 0).</summary>
    Stdin = 0,
    Stdout = 1,
    Stderr = 2,
}
