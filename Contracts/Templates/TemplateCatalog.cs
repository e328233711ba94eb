using Microsoft.Extensions.Configuration;

namespace Aspire.Sandbox.Contracts.Templates;

/// <summary>The templates this deployment offers: the built-in ones plus any from configuration.</summary>
public sealed class TemplateCatalog
{
    private static readonly TemplateDefinition[] BuiltIn =
    [
        new() { Name = "shell", Kind = "shell", Parser = "raw",
                Description = "A Debian sandbox: run commands (argv) or bash scripts; files persist between runs." },
        new() { Name = "terminal", Kind = "terminal", Parser = "raw", DefaultCommand = ["bash", "-l"], DefaultTimeoutSeconds = 8 * 3600,
                Description = "An interactive terminal (PTY) in a Debian sandbox." },
        new() { Name = "python-web", Kind = "shell", Parser = "raw",
                Startup = new()
                {
                    SetupCommand = "if [ -f setup.sh ]; then bash setup.sh; fi",
                    ServerCommand = "python3 -m http.server 8000 --bind 127.0.0.1",
                    ReadyPort = 8000,
                    Expose = [8000],
                },
                Description = "Runs the workspace's setup.sh (if any), then serves /workspace over HTTP on the sandbox's own port 8000, opened from the browser by its preview URL." },
        new() { Name = "demo-agent", Kind = "agent", Parser = "jsonl", PromptCommand = ["demo-agent", TemplateDefinition.PromptPlaceholder],
                Description = "A sample agent, no API key needed: streams its answer like an LLM and runs real tools in the sandbox (it picks them from keywords; there is no model)." },
        // Needs the CLI in the image (sandbox/Dockerfile, INSTALL_CLAUDE=1) and egress enabled by the operator.
        new() { Name = "claude", Kind = "agent", Parser = "claude-stream-json", Network = TemplateDefinition.NetworkEgress,
                RequiredSecrets = ["ANTHROPIC_API_KEY"],
                PromptCommand = ["claude", "-p", TemplateDefinition.PromptPlaceholder, "--output-format", "stream-json", "--verbose", "--include-partial-messages"],
                ResumeArguments = ["--resume", TemplateDefinition.AgentSessionPlaceholder],
                Description = "Claude Code (claude -p, stream-json) with outbound network; needs the ANTHROPIC_API_KEY secret." },
    ];

    private readonly Dictionary<string, TemplateDefinition> _byName;

    public TemplateCatalog(IConfiguration configuration)
    {
        _byName = BuiltIn.ToDictionary(t => t.Name, StringComparer.Ordinal);
        foreach (var t in configuration.GetSection("Sandbox:Templates").Get<List<TemplateDefinition>>() ?? [])
            _byName[t.Name] = t;
    }

    public IReadOnlyCollection<TemplateDefinition> All => _byName.Values;

    public TemplateDefinition? Find(string? name) => name is not null && _byName.TryGetValue(name, out var t) ? t : null;
}
