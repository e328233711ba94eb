namespace Aspire.Sandbox.Contracts.Previews;

/// <summary>
/// Where previews of sandbox ports are served (section <c>Sandbox:Preview</c>), shared by Api, Worker and Web:
/// <c>{Scheme}://{port}-{session}.{Domain}[:{Port}]/</c>. Each sandbox port gets an origin of its own, so a page a
/// sandbox serves can never read the Web app's cookies or another preview's.
/// </summary>
public sealed class PreviewOptions
{
    public const string SectionName = "Sandbox:Preview";

    /// <summary>The parent domain of preview hosts. <c>*.localhost</c> resolves to loopback in browsers, so local dev needs no DNS.</summary>
    public string Domain { get; set; } = "preview.localhost";

    /// <summary>The scheme browsers use to reach the Web app (https behind a TLS-terminating proxy).</summary>
    public string Scheme { get; set; } = "http";

    /// <summary>The port browsers use to reach the Web app; null for the scheme's default.</summary>
    public int? Port { get; set; }

    /// <summary>
    /// Shared secret the Web presents to workers with every forwarded preview request: a worker's preview endpoint
    /// carries sandbox traffic past every check the Web makes, so nothing else may use it. Empty: previews are off.
    /// </summary>
    public string Key { get; set; } = "";
}
