namespace Aspire.Sandbox.Worker.Docker;

/// <summary>The engine's error body, <c>{"message": "..."}</c>.</summary>
internal sealed record DockerErrorResponse
{
    public string? Message { get; set; }
}
