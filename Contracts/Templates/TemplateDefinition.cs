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

    /// <summary>How output becomes frames: <c>raw</c>, <c>jsonl</c>, <c>claude-stream-json</c>, <c>codex-json</c> (Worker/Agents).</summary>
    public string Parser { get; set; } = "raw";

    public int DefaultTimeoutSeconds { get; set; } = 600;

    /// <summary>Idle time before the sandbox sleeps (container stopped, files kept); null means 30 minutes.</summary>
    public int? IdleTimeoutSeconds { get; set; }

    public static readonly TimeSpan DefaultIdleTimeout = TimeSpan.FromMinutes(30);

    /// <summary>How long a session may live, from its creation; then its sandbox is removed. Null means 24 hours.</summary>
    public int? MaxLifetimeSeconds { get; set; }

    public static readonly TimeSpan DefaultMaxLifetime = TimeSpan.FromHours(24);

    public TimeSpan MaxLifetime => MaxLifetimeSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : DefaultMaxLifetime;

    public TimeSpan IdleTimeout => IdleTimeoutSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : DefaultIdleTimeout;

    /// <summary>Steps between writing files and <c>ready</c>: setup command, background server, readiness probe.</summary>
    public TemplateStartup Startup { get; set; } = new();

    /// <summary>
    /// The argv a <c>prompt</c> runs as; <c>{prompt}</c> is replaced by the prompt text. Empty means
    /// <c>bash -lc {prompt}</c>. (Not defaulted in place: the configuration binder appends to a
    /// list it finds, so a configured command would come after the default one.)
    /// </summary>
    public List<string> PromptCommand { get; set; } = [];

    private static readonly string[] ShellPromptCommand = ["bash", "-lc", PromptPlaceholder];

    public const string PromptPlaceholder = "{prompt}";

    /// <summary>The argv of a run given neither <c>command</c> nor <c>prompt</c> (e.g. the terminal's login shell).</summary>
    public List<string>? DefaultCommand { get; set; }

    /// <summary>Runs get a PTY: <c>terminal</c> frames out, input and resize in.</summary>
    public bool IsTerminal => Kind == "terminal";

    /// <summary>
    /// The network a sandbox of this template needs: <c>none</c> (DESIGN §4) or <c>egress</c>
    /// (outbound only, e.g. an agent calling its model's API). Egress is refused unless the
    /// operator enables it in configuration.
    /// </summary>
    public string Network { get; set; } = NetworkNone;

    public const string NetworkNone = "none";
    public const string NetworkEgress = "egress";

    /// <summary>Secrets a run needs to do anything (e.g. <c>ANTHROPIC_API_KEY</c>), so clients can ask for them.</summary>
    public List<string> RequiredSecrets { get; set; } = [];

    /// <summary>
    /// Arguments appended to the prompt command to continue the agent's earlier conversation in this
    /// session; <c>{agentSessionId}</c> is the id of the last <c>agent-session</c> frame. Null: no resume.
    /// </summary>
    public List<string>? ResumeArguments { get; set; }

    public const string AgentSessionPlaceholder = "{agentSessionId}";

    public IReadOnlyList<string> CommandFor(string prompt) =>
        (PromptCommand.Count > 0 ? PromptCommand : (IEnumerable<string>)ShellPromptCommand).Select(arg => arg.Replace(PromptPlaceholder, prompt, StringComparison.Ordinal)).ToArray();

    /// <summary>The prompt's argv, continuing the agent's conversation when there is one to resume.</summary>
    public IReadOnlyList<string> CommandFor(string prompt, string? agentSessionId) => [.. CommandFor(prompt), .. ResumeArgumentsFor(agentSessionId)];

    /// <summary>What continues the conversation <paramref name="agentSessionId"/>; nothing without one, or without resume.</summary>
    public IReadOnlyList<string> ResumeArgumentsFor(string? agentSessionId) =>
        agentSessionId is null || ResumeArguments is null
            ? []
            : [.. ResumeArguments.Select(arg => arg.Replace(AgentSessionPlaceholder, agentSessionId, StringComparison.Ordinal))];
}
