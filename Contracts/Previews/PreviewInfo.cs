namespace Aspire.Sandbox.Contracts.Previews;

/// <summary>One exposed sandbox port: its preview URL, and whether anyone with the link may open it.</summary>
public sealed record PreviewInfo(int Port, string Url, bool Public);
