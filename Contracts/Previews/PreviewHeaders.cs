namespace Aspire.Sandbox.Contracts.Previews;

/// <summary>Headers on the Web → worker hop of a preview request; the worker removes them before the sandbox sees the request.</summary>
public static class PreviewHeaders
{
    /// <summary><c>{session} {port}</c>: which sandbox port the request is for.</summary>
    public const string Target = "X-Sandbox-Preview";

    /// <summary>The shared <see cref="PreviewOptions.Key"/>: only the Web may use a worker's preview endpoint.</summary>
    public const string Key = "X-Sandbox-Preview-Key";
}
