namespace Aspire.Sandbox.Contracts.Templates;

/// <summary>A sandbox template: data, not code (DESIGN §3.4). Bound from <c>Sandbox:Templates</c>.</summary>
public sealed class TemplateDefinition
{
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";

    /// <summary>What a run is: <c>shell</c> (command or bash -lc prompt), <c>terminal</c>, <c>agent</c>.</summary>
    public string Kind { get; set; } = "shell";

    /// <summary>Image override; null uses the worker's default sandbox image.</summary>
    public string? Image { get; set; }

    /// <summary>How output becomes frames: <c>raw</c>, <c>jsonl</c>, <c>claude-stream-json</c>.</summary>
    public string Parser { get; set; } = "raw";

    public int DefaultTimeoutSeconds { get; set; } = 600;

    /// <summary>The argv a <c>prompt</c> runs as; <c>{prompt}</c> is replaced by the prompt text.</summary>
    public List<string> PromptCommand { get; set; } = ["bash", "-lc", PromptPlaceholder];

    public const string PromptPlaceholder = "{prompt}";

    /// <summary>The argv of a run given neither <c>command</c> nor <c>prompt</c> (e.g. the terminal's login shell).</summary>
    public List<string>? DefaultCommand { get; set; }

    /// <summary>Runs get a PTY: <c>terminal</c> frames out, input and resize in.</summary>
    public bool IsTerminal => Kind == "terminal";

    public IReadOnlyList<string> CommandFor(string prompt) =>
        PromptCommand.Select(arg => arg.Replace(PromptPlaceholder, prompt, StringComparison.Ordinal)).ToArray();
}
