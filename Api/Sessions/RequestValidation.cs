using Aspire.Sandbox.Contracts.Templates;

namespace Aspire.Sandbox.Api.Sessions;

/// <summary>Checks bodies against the contract's limits; each problem names its field.</summary>
public static class RequestValidation
{
    public const int MaxPromptBytes = 256 * 1024;
    public const int MaxFilesBytes = 10 * 1024 * 1024;
    public const int MaxFiles = 1_000;
    public const int MaxSecrets = 64;

    public static Dictionary<string, string[]> Validate(CreateSessionRequest request, TemplateCatalog templates)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Template)) errors["template"] = ["A template is required."];
        else if (templates.Find(request.Template) is null) errors["template"] = [$"Unknown template '{request.Template}'."];

        var files = request.Files ?? [];
        if (files.Count > MaxFiles) errors["files"] = [$"At most {MaxFiles} files."];
        long total = 0;
        for (var i = 0; i < files.Count; i++)
        {
            total += System.Text.Encoding.UTF8.GetByteCount(files[i].Content ?? "");
            if (WorkspacePath.Problem(files[i].Path) is { } problem) errors[$"files[{i}].path"] = [problem];
        }
        if (total > MaxFilesBytes) errors["files"] = [$"Files may hold at most {MaxFilesBytes} bytes in all."];
        CheckVariables(request.Env, "env", errors);
        CheckVariables(request.Secrets, "secrets", errors);
        return errors;
    }

    public static Dictionary<string, string[]> Validate(CreateRunRequest request, TemplateDefinition template)
    {
        var errors = new Dictionary<string, string[]>();
        var hasCommand = request.Command is { Count: > 0 };
        if (hasCommand && request.Prompt is not null) errors["command"] = ["Give one of 'command' (argv) or 'prompt', not both."];
        if (!hasCommand && request.Prompt is null && template.DefaultCommand is null)
            errors["command"] = [$"Give 'command' (argv) or 'prompt': template '{template.Name}' has no default command."];
        if (request.Prompt is not null && System.Text.Encoding.UTF8.GetByteCount(request.Prompt) > MaxPromptBytes)
            errors["prompt"] = [$"The prompt may hold at most {MaxPromptBytes} bytes."];
        if (request.Command?.Any(a => a is null || a.Contains('\0')) == true) errors["command"] = ["Arguments may not be null or contain NUL."];
        if (request.TimeoutSeconds is < 1 or > 86_400) errors["timeoutSeconds"] = ["Between 1 and 86400 seconds."];
        CheckVariables(request.Env, "env", errors);
        CheckVariables(request.Secrets, "secrets", errors);
        return errors;
    }

    private static void CheckVariables(IReadOnlyDictionary<string, string>? variables, string field, Dictionary<string, string[]> errors)
    {
        if (variables is null) return;
        if (field == "secrets" && variables.Count > MaxSecrets) errors[field] = [$"At most {MaxSecrets} secrets."];
        foreach (var name in variables.Keys)
            if (!IsVariableName(name)) errors[$"{field}.{name}"] = ["Names are letters, digits and '_', not starting with a digit."];
    }

    private static bool IsVariableName(string name) =>
        name.Length is > 0 and <= 256 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
