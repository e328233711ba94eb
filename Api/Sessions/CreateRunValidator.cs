using System.Text;
using Aspire.Sandbox.Api.Limits;
using Aspire.Sandbox.Api.Validation;

namespace Aspire.Sandbox.Api.Sessions;

/// <summary>
/// The rules of <c>POST /api/sessions/{id}/runs</c>' body that need no session; the handler adds the
/// template's own (a default command, required secrets).
/// </summary>
public sealed class CreateRunValidator : IRequestValidator<CreateRunRequest>
{
    public ValidationErrors Validate(CreateRunRequest request)
    {
        var errors = new ValidationErrors();
        if (request.Command is not null && request.Prompt is not null) errors.Report("command", "Give one of 'command' (argv) or 'prompt', not both.");

        if (request.Prompt is { } prompt)
        {
            if (Encoding.UTF8.GetByteCount(prompt) > ApiLimits.MaxPromptBytes) errors.Report("prompt", $"The prompt may hold at most {ApiLimits.MaxPromptBytes} bytes (UTF-8).");
            if (prompt.Contains('\0')) errors.Report("prompt", "The prompt may not contain NUL.");
        }

        if (request.Command is { } command)
        {
            if (command.Count == 0 || string.IsNullOrEmpty(command[0])) errors.Report("command", "The argv needs at least the program to run.");
            if (command.Count > ApiLimits.MaxCommandArguments) errors.Report("command", $"At most {ApiLimits.MaxCommandArguments} arguments.");
            if (command.Any(a => a is null || a.Contains('\0'))) errors.Report("command", "Arguments are strings without NUL.");
            else if (command.Sum(a => (long)Encoding.UTF8.GetByteCount(a)) > ApiLimits.MaxCommandBytes)
                errors.Report("command", $"The arguments may hold at most {ApiLimits.MaxCommandBytes} bytes in all.");
        }

        if (request.TimeoutSeconds is < 1 or > ApiLimits.MaxTimeoutSeconds) errors.Report("timeoutSeconds", $"Between 1 and {ApiLimits.MaxTimeoutSeconds} seconds.");
        VariableRules.Check(request.Env, "env", ApiLimits.MaxEnvVariables, errors);
        VariableRules.Check(request.Secrets, "secrets", ApiLimits.MaxSecrets, errors);
        return errors;
    }
}
