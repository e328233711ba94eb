using System.Diagnostics;
using System.Text.Json;

namespace Aspire.Sandbox.IntegrationTests.Hosting;

/// <summary><c>dotnet run --project AppHost -- --publisher manifest</c>: what a deployment tool reads.</summary>
public class ManifestTests
{
    [Fact]
    public async Task TheManifestListsTheServicesAndHoldsNoSecretValue()
    {
        const string apiKey = "sbx_manifest_must_not_carry_this";
        var output = Path.Combine(Directory.CreateTempSubdirectory("sandbox-manifest-").FullName, "manifest.json");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = ProjectOutput.RepoRoot(), RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "run", "--no-build", "-c", ProjectOutput.Configuration, "--project", "AppHost", "--no-launch-profile", "--",
                     "--publisher", "manifest", "--output-path", output, "--Workers=2" })
            start.ArgumentList.Add(arg);
        start.Environment["SANDBOX_API_KEY"] = apiKey;
        using var process = Process.Start(start)!;
        var log = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        Assert.True(process.ExitCode == 0, await log);

        var text = await File.ReadAllTextAsync(output);
        var resources = JsonDocument.Parse(text).RootElement.GetProperty("resources");
        Assert.Equal("container.v0", resources.GetProperty("redis").GetProperty("type").GetString());
        Assert.Contains("--appendonly yes --appendfsync everysec", resources.GetProperty("redis").GetProperty("args")[1].GetString(), StringComparison.Ordinal);
        foreach (var service in new[] { "api", "worker", "web" })
            Assert.Equal("project.v0", resources.GetProperty(service).GetProperty("type").GetString());
        // --Workers=2: project.v0 has no replica count of its own; the AppHost adds one to the worker's entry.
        var worker = resources.GetProperty("worker");
        Assert.Equal(2, worker.GetProperty("replicas").GetInt32());
        Assert.EndsWith("Aspire.Sandbox.Worker.csproj", worker.GetProperty("path").GetString(), StringComparison.Ordinal);
        Assert.Equal("{secrets-key.value}", worker.GetProperty("env").GetProperty("Sandbox__SecretsKey").GetString());
        Assert.Equal("http", worker.GetProperty("bindings").GetProperty("http").GetProperty("scheme").GetString());
        Assert.False(resources.GetProperty("api").TryGetProperty("replicas", out _), "one Api: no count written");
        foreach (var key in new[] { "api-key", "token-signing-key", "secrets-key", "preview-key" })
            Assert.True(resources.GetProperty(key).GetProperty("inputs").GetProperty("value").GetProperty("secret").GetBoolean());
        Assert.False(resources.TryGetProperty("sandboxes", out _), "the dashboard's sandboxes are not deployed");
        Assert.DoesNotContain(apiKey, text, StringComparison.Ordinal);
        Assert.Equal("{api-key.value}", resources.GetProperty("api").GetProperty("env").GetProperty("Sandbox__ApiKeys__0").GetString());
    }

}
