using System.Text.Json;

namespace Aspire.Sandbox.Worker.Docker;

/// <summary>One JSON object of the <c>POST /build</c> answer (moby's jsonmessage).</summary>
internal sealed record ImageBuildMessage
{
    /// <summary>Build output text; lines may be split across messages.</summary>
    public string? Stream { get; set; }

    /// <summary>Pull progress of a <c>FROM</c>; nothing can be pulled on our hosts, so it is not reported.</summary>
    public string? Status { get; set; }

    public string? Error { get; set; }

    public ImageBuildErrorDetail? ErrorDetail { get; set; }

    /// <summary>
    /// <c>{"ID":"sha256:…"}</c> from the classic builder. Kept untyped because other builders put other
    /// shapes here (BuildKit sends base64 trace strings), which must not fail the build.
    /// </summary>
    public JsonElement? Aux { get; set; }
}
