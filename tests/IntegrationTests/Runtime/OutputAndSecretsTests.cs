using System.Text;
using Aspire.Sandbox.IntegrationTests.Support;

namespace Aspire.Sandbox.IntegrationTests.Runtime;

/// <summary>What becomes of process output: frame size limits, binary data, secrets, OOM.</summary>
[Collection(SandboxAppCollection.Name)]
public sealed class OutputAndSecretsTests(SandboxAppFixture app)
{
    private const string Secret = "s3cr3t-T0KEN-value";

    [Fact]
    public async Task SecretReachesTheProcessButNeverAFrameOrTheContainerConfig()
    {
        await using var scenario = await SessionScenario.StartShellAsync(app);

        // The second half of the value is printed after a pause, so it arrives in a later read.
        var run = await scenario.RunToExitAsync(new
        {
            prompt = "echo \"[$API_TOKEN]\"; printf 's3cr3t-T0'; sleep 0.3; printf 'KEN-value\\n'; echo ${#API_TOKEN}",
            secrets = new Dictionary<string, string> { ["API_TOKEN"] = Secret },
        });

        Assert.Equal($"[***]\n***\n{Secret.Length}\n", run.Stdout);
        Assert.DoesNotContain(run.All, f => f.Json.GetRawText().Contains(Secret));
        var inspect = await SandboxContainers.InspectSessionAsync(scenario.Session.Id);
        Assert.DoesNotContain(inspect!.Config!.Env ?? [], e => e.Contains(Secret));
    }

    [Fact]
    public async Task TenMegabyteLineIsSplitIntoFramesOfAtMost64KiB()
    {
        await using var scenario = await SessionScenario.StartShellAsync(app);

        var run = await scenario.RunToExitAsync(new { prompt = "head -c 10000000 /dev/zero | tr '\\0' a; echo" }, TimeSpan.FromSeconds(120));

        var stdout = run.OfType("stdout").Select(f => f.Text("data")).ToList();
        Assert.All(stdout, data => Assert.True(Encoding.UTF8.GetByteCount(data) <= 64 * 1024));
        Assert.Equal(10_000_001, stdout.Sum(d => d.Length));
        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public async Task BinaryOutputIsDeliveredAsBase64()
    {
        await using var scenario = await SessionScenario.StartShellAsync(app);

        var run = await scenario.RunToExitAsync(new { prompt = "printf '\\377\\376\\000\\001'" });

        var frame = run.OfType("stdout").Single();
        Assert.Equal("base64", frame.Text("encoding"));
        Assert.Equal(new byte[] { 0xff, 0xfe, 0x00, 0x01 }, Convert.FromBase64String(frame.Text("data")));
    }

    [Fact]
    public async Task ProcessKilledForMemoryEndsWithReasonOom()
    {
        await using var scenario = await SessionScenario.StartShellAsync(app);

        var run = await scenario.RunToExitAsync(new { command = new[] { "python3", "-c", "a = bytearray(2 * 1024 ** 3)" } }, TimeSpan.FromSeconds(60));

        Assert.Equal("oom", run.Reason);
        Assert.Equal("SIGKILL", run.Exit.Text("signal"));
    }
}
