using System.Text;
using Aspire.Sandbox.Api.Limits;
using Aspire.Sandbox.Api.Validation;
using Aspire.Sandbox.Contracts.Templates;

namespace Aspire.Sandbox.Api.Sessions;

/// <summary>The rules of <c>POST /api/sessions</c>' body (DESIGN §3.2); each problem names its field.</summary>
public sealed class CreateSessionValidator(TemplateCatalog templates) : IRequestValidator<CreateSessionRequest>
{
    public ValidationErrors Validate(CreateSessionRequest request)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(request.Template)) errors.Report("template", "A template is required (GET /api/templates lists them).");
        else if (templates.Find(request.Template) is null)
            errors.Report("template", $"Unknown template '{Shorten(request.Template)}' (GET /api/templates lists them).");

        if (request.Name is { } name && (name.Length > ApiLimits.MaxNameLength || name.Any(char.IsControl)))
            errors.Report("name", $"At most {ApiLimits.MaxNameLength} characters, no control characters.");

        CheckFiles(request.Files, errors);
        VariableRules.Check(request.Env, "env", ApiLimits.MaxEnvVariables, errors);
        VariableRules.Check(request.Secrets, "secrets", ApiLimits.MaxSecrets, errors);
        LabelRules.Check(request.Labels, errors);
        return errors;
    }

    private static void CheckFiles(IReadOnlyList<Contracts.Work.WorkspaceFile?>? files, ValidationErrors errors)
    {
        if (files is null) return;
        if (files.Count > ApiLimits.MaxFiles) errors.Report("files", $"At most {ApiLimits.MaxFiles} files.");
        long total = 0;
        var paths = new HashSet<string>(StringComparer.Ordinal);
        var directories = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < files.Count && i <= ApiLimits.MaxFiles; i++)
        {
            if (files[i] is not { } file)
            {
                errors.Report($"files[{i}]", "A file is an object { path, content }.");
                continue;
            }
            if (file.Content is null) errors.Report($"files[{i}].content", "Content is required (a string; it may be empty).");
            else total += Encoding.UTF8.GetByteCount(file.Content);

            if (WorkspacePath.Problem(file.Path) is { } problem) errors.Report($"files[{i}].path", problem);
            else if (!paths.Add(file.Path) || directories.Contains(file.Path)) errors.Report($"files[{i}].path", "Another file has this path, or uses it as a directory.");
            else foreach (var directory in Parents(file.Path))
            {
                directories.Add(directory);
                if (paths.Contains(directory)) errors.Report($"files[{i}].path", $"'{directory}' is a file, so it cannot be a directory too.");
            }
        }
        if (total > ApiLimits.MaxFilesBytes) errors.Report("files", $"Files may hold at most {ApiLimits.MaxFilesBytes} bytes of content in all (UTF-8); these hold {total}.");
    }

    private static IEnumerable<string> Parents(string path)
    {
        for (var slash = path.IndexOf('/'); slash > 0; slash = path.IndexOf('/', slash + 1)) yield return path[..slash];
    }

    internal static string Shorten(string text) => text.Length <= 64 ? text : text[..64] + "…";
}
