namespace Aspire.Sandbox.Worker.Docker;

/// <summary>The <c>{"Id": ..., "Warnings": [...]}</c> answer of container create and exec create.</summary>
internal sealed record IdResponse
{
    public string Id { get; set; } = "";

    public IList<string>? Warnings { get; set; }
}
