namespace Aspire.Sandbox.IntegrationTests.Docker;

/// <summary>Docker tests share one engine client and run one at a time (the host has two cores).</summary>
[CollectionDefinition(Name)]
public sealed class DockerCollection : ICollectionFixture<DockerEngineFixture>
{
    public const string Name = "Docker engine";
}
