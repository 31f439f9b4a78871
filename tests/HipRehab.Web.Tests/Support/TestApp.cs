using HipRehab.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HipRehab.Web.Tests;

/// <summary>
/// A fresh app over its own real database (<see cref="TestDatabase"/>: a temp SQLite file, or a
/// new PostgreSQL database when HIPREHAB_TEST_PROVIDER=PostgreSQL), with a fixed clock so dates
/// in tests are stable. ASP.NET Identity's bearer and refresh tokens read the same clock, so a
/// test that advances <see cref="Clock"/> ages its tokens too.
/// </summary>
public sealed class TestApp : WebApplicationFactory<Program>
{
    /// <summary>"Today" for every test: Thursday 2026-11-26 08:30 UTC.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 26, 8, 30, 0, TimeSpan.Zero);

    private int _cleaned;

    public TestApp()
        : this(TestDatabase.Create())
    {
    }

    private TestApp(TestDatabase database)
    {
        Database = database;
    }

    /// <summary>
    /// An app on a SQLite file whatever the run's provider: for tests of SQLite-only code, marked
    /// <c>[Trait("Category", "SqliteOnly")]</c> and left out of the PostgreSQL pass (one process holds one
    /// provider's compiled queries at a time).
    /// </summary>
    public static TestApp OnSqlite() => new(TestDatabase.CreateSqlite());

    public FakeTimeProvider Clock { get; } = new(Now);

    public TestDatabase Database { get; }

    /// <summary>Configuration for this app; change it before the first client is created.</summary>
    public Dictionary<string, string?> Settings { get; } = new()
    {
        // Sign-in is rate-limited per client address, and every test client shares one: tests of
        // the limit set it low on their own app.
        ["RateLimiting:SignInPermitsPerMinute"] = "1000",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Database.EnsureCreated();
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Database.Provider);
        builder.UseSetting("ConnectionStrings:HipRehab", Database.ConnectionString);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            // Every API answer a test receives is checked against the OpenAPI document first.
            services.AddSingleton<IStartupFilter, ResponseContract.StartupFilter>();
        });
    }

    /// <summary>Runs <paramref name="work"/> with the app's own <see cref="AppDb"/>, in a scope of its own.</summary>
    public async Task<T> WithDbAsync<T>(Func<AppDb, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDb>());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Interlocked.Exchange(ref _cleaned, 1) == 0)
        {
            Database.Dispose();
        }
    }
}
