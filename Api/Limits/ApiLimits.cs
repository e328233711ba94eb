using Microsoft.AspNetCore.Mvc;

namespace Aspire.Sandbox.Api.Limits;

/// <summary>The request limits of the public contract (DESIGN §3.2), in one place; API.md repeats them.</summary>
public static class ApiLimits
{
    /// <summary>Any request body.</summary>
    public const long MaxBodyBytes = 1024 * 1024;

    /// <summary>
    /// <c>POST /api/sessions</c> only: it carries the workspace files (≤ 10 MiB of content), which JSON
    /// escaping can make larger on the wire.
    /// </summary>
    public const long MaxCreateSessionBodyBytes = 16 * 1024 * 1024;

    /// <summary>All request headers together, as the Api checks them (answered with a ProblemDetails).</summary>
    public const int MaxHeaderBytes = 16 * 1024;

    /// <summary>Kestrel's own limit, above ours: beyond it Kestrel answers 431 before the Api sees the request.</summary>
    public const int KestrelMaxHeaderBytes = 64 * 1024;

    public const int MaxPromptBytes = 256 * 1024;
    public const int MaxFilesBytes = 10 * 1024 * 1024;
    public const int MaxFiles = 1_000;
    public const int MaxSecrets = 64;
    public const int MaxEnvVariables = 256;
    public const int MaxVariableNameLength = 256;
    public const int MaxVariableValueBytes = 64 * 1024;
    public const int MaxCommandArguments = 4_096;
    public const int MaxCommandBytes = 256 * 1024;
    public const int MaxInputBytes = 64 * 1024;
    public const int MaxNameLength = 200;
    public const int MaxTimeoutSeconds = 86_400;
    public const int DefaultFramePage = 100;
    public const int MaxIdempotencyKeyLength = 255;
}
