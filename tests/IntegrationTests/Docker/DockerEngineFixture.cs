using Aspire.Sandbox.Worker.Docker;

namespace Aspire.Sandbox.IntegrationTests.Docker;

/// <summary>
/// One client of the real engine for every Docker test, the sandbox image to use, and a final sweep of
/// anything this test run left behind (matched by a per-run label, so other suites' containers are untouched).
/// </summary>
public sealed class DockerEngineFixture : IAsyncLifetime
{
    public const string TestLabel = "aspire-sandbox.test";
    public const string RunLabel = "aspire-sandbox.test.run";

    // The product image once a colleague's build has made it; the bare debootstrapped base until then.
    private static readonly string[] FallbackImages = ["aspire-sandbox:latest", "aspire-sandbox-base:bookworm"];
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public DockerEngineClient Client { get; } = new(DockerEngineOptions.FromEnvironment());

    public string Image { get; private set; } = "";

    public string RunId { get; } = Guid.NewGuid().ToString("N");

    public Dictionary<string, string> Labels => new() { [TestLabel] = "1", [RunLabel] = RunId };

    public async Task InitializeAsync()
    {
        await Client.GetVersionAsync(CancellationToken.None).WaitAsync(Timeout);
        var requested = Environment.GetEnvironmentVariable("SANDBOX_IMAGE");
        foreach (var candidate in string.IsNullOrWhiteSpace(requested) ? FallbackImages : [requested])
        {
            if (await Client.ImageExistsAsync(candidate, CancellationToken.None).WaitAsync(Timeout))
            {
                Image = candidate;
                return;
            }
        }

        throw new InvalidOperationException(
            $"None of the sandbox images [{string.Join(", ", FallbackImages)}] (or SANDBOX_IMAGE) exists on this engine.");
    }

    public async Task DisposeAsync()
    {
        try
        {
            var leftovers = await Client.ListContainersAsync(
                new Dictionary<string, string> { [RunLabel] = RunId }, all: true, CancellationToken.None).WaitAsync(Timeout);
            foreach (var container in leftovers)
            {
                await Client.RemoveContainerAsync(container.Id, force: true, removeVolumes: true, CancellationToken.None)
                    .WaitAsync(Timeout);
            }
        }
        finally
        {
            Client.Dispose();
        }
    }
}
