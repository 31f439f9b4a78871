using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace HipRehab.E2E;

/// <summary>
/// One real Kestrel server on a free loopback port and one headless system Chromium, shared by the
/// browser tests. The browser is Debian's Chromium (HIPREHAB_CHROMIUM, default /usr/bin/chromium):
/// Playwright never downloads a browser here. The server uses its own SQLite file in a temporary
/// folder, deleted on dispose, so no run sees another run's data.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private readonly string _databaseFile = Path.Combine(Path.GetTempPath(), "hiprehab-e2e", $"e2e-{Guid.NewGuid():N}.db");
    private readonly E2EApp _factory;
    private IPlaywright? _playwright;

    public BrowserFixture()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_databaseFile)!);
        _factory = new E2EApp($"Data Source={_databaseFile}");
    }

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    public static readonly (string Name, int Width, int Height)[] Viewports = [("phone", 390, 844), ("desktop", 1280, 900)];

    public async Task InitializeAsync()
    {
        _factory.UseKestrel(0);
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');

        var chromium = Environment.GetEnvironmentVariable("HIPREHAB_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException($"Chromium is required for the browser tests and was not found at {chromium}. Run ./test.sh, which installs it.");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
    }

    public async Task<IPage> NewPageAsync(int width, int height, bool javaScript = true)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            BaseURL = BaseUrl,
            JavaScriptEnabled = javaScript,
        });
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        await _factory.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _databaseFile, _databaseFile + "-wal", _databaseFile + "-shm" })
        {
            File.Delete(file);
        }
    }

    /// <summary>The app on its own database file. Sign-in is rate-limited per client address, and every test shares one.</summary>
    private sealed class E2EApp(string connectionString) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("ConnectionStrings:HipRehab", connectionString);
            builder.UseSetting("RateLimiting:SignInPermitsPerMinute", "1000");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
