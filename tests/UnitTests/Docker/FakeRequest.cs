namespace Aspire.Sandbox.UnitTests.Docker;

/// <summary>A request as <see cref="FakeDockerEngine"/> received it.</summary>
internal sealed record FakeRequest(string Method, string Path, string[] Headers, string Body)
{
    public string DecodedPath => Uri.UnescapeDataString(Path);
}
