namespace Aspire.Sandbox.Worker.Docker;

/// <summary>The <c>errorDetail</c> of a failed build: the same message, plus a code (a failed RUN's exit code).</summary>
internal sealed record ImageBuildErrorDetail
{
    public int? Code { get; set; }

    public string? Message { get; set; }
}
