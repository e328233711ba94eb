using Aspire.Sandbox.TestSupport;
using Microsoft.Playwright;

namespace Aspire.Sandbox.BrowserTests;

/// <summary>Every browser test class joins this collection, so the app and Playwright start once per assembly.</summary>
[CollectionDefinition(Name)]
public sealed class SandboxAppCollection : ICollectionFixture<SandboxAppFixture>
{
    public const string Name = "Sandbox app";
}

/// <summary>
/// Starts the whole distributed app (or uses one already running) and hands out fresh Chromium pages.
/// <see cref="StartAppAsync"/> is the only place that knows how the app is started.
/// </summary>
public sealed class SandboxAppFixture : IAsyncLifetime
{
    private SandboxApp? _app;
    private IPlaywright? _playwright;

    /// <summary>Base address of the <c>web</c> resource's http endpoint.</summary>
    public Uri WebUrl { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        WebUrl = await StartAppAsync();
        _playwright = await Playwright.CreateAsync();
    }

    /// <summary>
    /// SANDBOX_WEB_URL (an app started by hand, e.g. <c>dotnet run --project AppHost</c>) wins;
    /// otherwise the app is started in-process by Aspire.Hosting.Testing.
    /// </summary>
    private async Task<Uri> StartAppAsync()
    {
        var url = Environment.GetEnvironmentVariable("SANDBOX_WEB_URL");
        if (!string.IsNullOrWhiteSpace(url))
            return new Uri(url.EndsWith('/') ? url : url + "/");

        _app = await SandboxApp.StartAsync([]);
        return _app.WebUrl;
    }

    /// <summary>A new headless Chromium with a fresh profile directory, showing one blank page.</summary>
    public async Task<BrowserPage> OpenPageAsync(ITestOutputHelper output)
    {
        var executable = Environment.GetEnvironmentVariable("PLAYWRIGHT_CHROMIUM_EXECUTABLE");
        if (string.IsNullOrWhiteSpace(executable)) executable = "/usr/bin/chromium";
        if (!File.Exists(executable))
            throw new InvalidOperationException($"Chromium not found at {executable}: apt-get install -y chromium, or set PLAYWRIGHT_CHROMIUM_EXECUTABLE.");

        var profile = Directory.CreateTempSubdirectory("sandbox-chromium-").FullName;
        var context = await _playwright!.Chromium.LaunchPersistentContextAsync(profile, new()
        {
            ExecutablePath = executable,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
            ViewportSize = new() { Width = 1280, Height = 800 },
            BaseURL = WebUrl.ToString(),
        });
        var page = context.Pages.Count > 0 ? context.Pages[0] : await context.NewPageAsync();
        page.Console += (_, m) =>
        {
            if (m.Type is "error" or "warning") Log(output, $"[browser {m.Type}] {m.Text}");
        };
        page.PageError += (_, e) => Log(output, $"[browser page error] {e}");
        page.FrameNavigated += (_, f) =>
        {
            if (f.ParentFrame is null) Log(output, $"[browser] navigated to {f.Url}");
        };
        return new BrowserPage(context, page, profile);
    }

    public async Task DisposeAsync()
    {
        _playwright?.Dispose();
        if (_app is not null) await _app.DisposeAsync();
    }

    private static void Log(ITestOutputHelper output, string line)
    {
        try { output.WriteLine(line); }
        catch (InvalidOperationException) { /* the test already finished */ }
    }
}

/// <summary>A Chromium instance with its own profile; disposing closes it and deletes the profile.</summary>
public sealed class BrowserPage(IBrowserContext context, IPage page, string profileDir) : IAsyncDisposable
{
    public IPage Page { get; } = page;

    /// <summary>Saves a full-page PNG under TestResults/screenshots of the test project and returns its path.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        var dir = Environment.GetEnvironmentVariable("SANDBOX_SCREENSHOT_DIR");
        if (string.IsNullOrWhiteSpace(dir)) dir = Path.Combine(TestProjectDirectory(), "TestResults", "screenshots");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, $"{name}.png");
        await Page.ScreenshotAsync(new() { Path = path, FullPage = true });
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        try { await context.CloseAsync(); }
        finally
        {
            try { Directory.Delete(profileDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static string TestProjectDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (dir.EnumerateFiles("*.csproj").Any()) return dir.FullName;
        return AppContext.BaseDirectory;
    }
}
