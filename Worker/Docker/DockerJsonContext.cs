using System.Text.Json.Serialization;

namespace Aspire.Sandbox.Worker.Docker;

/// <summary>
/// Source-generated (reflection-free, trimming-safe) serialization for every body we send or read.
/// No naming policy: our property names already are the Engine API's PascalCase names. Reading is
/// case-insensitive because the engine mixes spellings (<c>ID</c> on exec inspect, <c>message</c> in errors).
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(ContainerCreateRequest))]
[JsonSerializable(typeof(ContainerInspectResponse))]
[JsonSerializable(typeof(List<ContainerSummary>))]
[JsonSerializable(typeof(ExecCreateRequest))]
[JsonSerializable(typeof(ExecInspectResponse))]
[JsonSerializable(typeof(DockerVersion))]
[JsonSerializable(typeof(IdResponse))]
[JsonSerializable(typeof(DockerErrorResponse))]
[JsonSerializable(typeof(Dictionary<string, string[]>))]
[JsonSerializable(typeof(IDictionary<string, string>))]
[JsonSerializable(typeof(ImageInspectResponse))]
[JsonSerializable(typeof(ImageBuildMessage))]
internal sealed partial class DockerJsonContext : JsonSerializerContext
{
}
