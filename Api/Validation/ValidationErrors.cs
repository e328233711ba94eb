using Microsoft.AspNetCore.Mvc;

namespace Aspire.Sandbox.Api.Validation;

/// <summary>Field name → what is wrong with it, the shape of ProblemDetails' <c>errors</c>.</summary>
public sealed class ValidationErrors : Dictionary<string, string[]>
{
    public void Report(string field, string message) =>
        this[field] = TryGetValue(field, out var earlier) ? [.. earlier, message] : [message];
}
