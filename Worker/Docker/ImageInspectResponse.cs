namespace Aspire.Sandbox.Worker.Docker;

/// <summary>What <c>GET /images/{name}/json</c> returns, limited to the fields we act on.</summary>
public sealed record ImageInspectResponse
{
    /// <summary>The content-addressed id, <c>sha256:…</c>.</summary>
    public string Id { get; set; } = "";

    /// <summary>Every <c>repository:tag</c> pointing at this image; empty for a dangling image.</summary>
    public IList<string>? RepoTags { get; set; }

    /// <summary>RFC 3339 with nanoseconds, kept as text like the container timestamps.</summary>
    public string? Created { get; set; }

    /// <summary>Bytes, all layers included.</summary>
    public long Size { get; set; }

    /// <summary>Null for images that carry no configuration (e.g. some imported root filesystems).</summary>
    public ImageConfig? Config { get; set; }
}
