using System.Globalization;
using System.Resources;
using Aduan.Data;
using Aduan.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Aduan.BrowserTests;

/// <summary>
/// The real app on a real socket (127.0.0.1, a free port, a fresh SQLite data folder with the
/// dki-jakarta pack and its demo reports) and Debian's Chromium driven by Playwright. One per test collection.
/// </summary>
public sealed class BrowserApp : IAsyncLifetime
{
    /// <summary>Debian's package; Playwright cannot download its own browsers on this network.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly ResourceManager Resources = new("Aduan.Web.Resources.SharedResource", typeof(SharedResource).Assembly);

    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "aduan-browser-tests", Guid.NewGuid().ToString("N"));
    private WebApplication? _app;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"{ChromiumPath} is missing. scripts/test.sh installs it (apt-get install -y chromium).");
        }
        var root = Repo.Root;
        _app = AduanWebApp.Build(
        [
            "--urls=http://127.0.0.1:0",
            "--environment=Testing",
            $"--Aduan:DataFolder={_dataFolder}",
            $"--Aduan:PacksFolder={Path.Combine(root, "packs")}",
            "--Aduan:Pack=dki-jakarta",
            "--Logging:LogLevel:Default=Warning",
            "--Aduan:RateLimits:SubmitPerMinute=1000",
            "--Aduan:RateLimits:SignInPerMinute=1000",
            "--Aduan:RateLimits:LookupPerMinute=1000",
            "--Aduan:ReportsPerContactPerHour=1000",
            "--Aduan:BackgroundTriage=false", // the tests run triage rounds themselves
            "--Aduan:BackgroundFollowUp=false",
            "--Aduan:BackgroundEscalation=false",
            "--Aduan:BackgroundRollups=false", // the tests refresh the scorecard rollups themselves
            "--Aduan:Demo=true", // the journeys run among the demo reports, as on `serve --demo`
        ], Path.Combine(root, "src", "Aduan.Web"));
        await _app.PrepareDatabaseAsync();
        await _app.StartAsync();
        BaseAddress = new Uri(_app.Urls.Single());

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        });
    }

    /// <summary>A fresh browser context (own cookies) with the given viewport; Indonesian unless told.</summary>
    /// <param name="at">Where the phone says it is (geolocation granted), for pages that record the position.</param>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900, string locale = "id-ID", Geolocation? at = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            Locale = locale,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Geolocation = at,
            Permissions = at is null ? null : ["geolocation"],
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>A UI text as the app shows it, read from the same resource files.</summary>
    public static string Text(string key, string culture = "id-ID") =>
        Resources.GetString(key, new CultureInfo(culture)) ?? throw new KeyNotFoundException(key);

    /// <summary>The password of every staff member the browser tests create.</summary>
    public const string StaffPassword = "kata-sandi-uji-2026";

    /// <summary>Creates a staff member (no second factor) and returns their e-mail.</summary>
    public async Task<string> CreateStaffAsync(Aduan.Staff.StaffRole roles, string? agency = null, string name = "Petugas Uji")
    {
        using var scope = Services.CreateScope();
        var email = $"{roles.ToString().Replace(", ", "-", StringComparison.Ordinal).ToLowerInvariant()}-{Guid.NewGuid():N}@uji.aduan.id";
        var result = await scope.ServiceProvider.GetRequiredService<Aduan.Staff.StaffAccounts>()
            .CreateAsync(new Aduan.Staff.NewStaff(email, name, roles, agency, StaffPassword), CancellationToken.None);
        if (!result.Succeeded)
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => $"{e.Field}: {e.Code}")));
        return email;
    }

    /// <summary>A new browser context signed in as that staff member (phone-sized unless told).</summary>
    public async Task<IPage> SignInAsync(string email, int width = 390, int height = 844, Geolocation? at = null)
    {
        var page = await NewPageAsync(width, height, at: at);
        await page.GotoAsync("/masuk");
        await page.GetByLabel(Text("Field_Email")).FillAsync(email);
        await page.GetByLabel(Text("SignIn_Password")).FillAsync(StaffPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = Text("SignIn_Submit") }).ClickAsync();
        // Wait for the redirect to commit and for the signed-in layout (the account link), not for the
        // window's load event: once, in CI, Chromium reported the network idle on the new page but never
        // fired load, and the whole test timed out on a page that was already there.
        await page.WaitForURLAsync(url => !url.Contains("/masuk", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
        await Assertions.Expect(page.Locator("a[href='/akun/keamanan']")).ToBeAttachedAsync();
        return page;
    }

    public async Task<T> WithDbAsync<T>(Func<AduanDbContext, Task<T>> work)
    {
        using var scope = Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<AduanDbContext>());
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataFolder))
            Directory.Delete(_dataFolder, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserApp>
{
    public const string Name = "Browser";
}

internal static class Repo
{
    /// <summary>The repository root (the folder holding Aduan.slnx).</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Aduan.slnx")))
                return dir.FullName;
        }
        throw new DirectoryNotFoundException("Aduan.slnx not found above " + AppContext.BaseDirectory);
    }
}
