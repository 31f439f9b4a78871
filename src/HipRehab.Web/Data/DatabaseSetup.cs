using System.Data.Common;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using HipRehab.Web.Data.Sqlite;

namespace HipRehab.Web.Data;

/// <summary>The database providers the app runs on.</summary>
public enum DatabaseProvider
{
    Sqlite,
    PostgreSQL,
}

/// <summary>Chooses the database provider from configuration and keeps the schema migrated.</summary>
public static class DatabaseSetup
{
    public const string DefaultSqliteConnection = "Data Source=data/hiprehab.db";

    /// <summary>
    /// Contexts are pooled: creating one per request was a sixth of Today's cost (bench/README.md).
    /// <c>Database:Provider</c> = <c>Sqlite</c> (default) or <c>PostgreSQL</c>;
    /// <c>ConnectionStrings:HipRehab</c> = the provider's connection string.
    /// </summary>
    public static IServiceCollection AddAppDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        if (ProviderOf(configuration) == DatabaseProvider.Sqlite)
        {
            var sqlite = SqliteConnectionString(configuration)!;
            EnsureFolder(sqlite);
            var fastPath = SqliteFastPath(configuration);
            services.AddPooledDbContextFactory<SqliteAppDb>(o => o.UseSqlite(sqlite).AddInterceptors(
                fastPath ? new IInterceptor[] { SqliteDurability.Instance, SqliteStatements.Instance } : new IInterceptor[] { SqliteDurability.Instance }));
            AddScopedContext<SqliteAppDb>(services);
        }
        else
        {
            var connection = configuration.GetConnectionString("HipRehab");
            if (string.IsNullOrWhiteSpace(connection))
            {
                throw new InvalidOperationException("Database:Provider is PostgreSQL, so ConnectionStrings:HipRehab must name the server.");
            }

            services.AddPooledDbContextFactory<PostgresAppDb>(o => o.UseNpgsql(connection));
            AddScopedContext<PostgresAppDb>(services);
        }

        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        services.AddDataProtection().SetApplicationName("HipRehab").PersistKeysToDbContext<AppDb>();
        return services;
    }

    /// <summary>
    /// The one reading of <c>Database:Provider</c>: <c>Sqlite</c> (the default) or <c>PostgreSQL</c>, in
    /// any case; anything else stops the app with a message.
    /// </summary>
    public static DatabaseProvider ProviderOf(IConfiguration configuration) => (configuration["Database:Provider"] ?? "Sqlite") switch
    {
        var p when string.Equals(p, "Sqlite", StringComparison.OrdinalIgnoreCase) => DatabaseProvider.Sqlite,
        var p when string.Equals(p, "PostgreSQL", StringComparison.OrdinalIgnoreCase) => DatabaseProvider.PostgreSQL,
        var p => throw new InvalidOperationException($"Database:Provider '{p}' is not supported; use Sqlite or PostgreSQL."),
    };

    /// <summary>The SQLite connection string when SQLite is the provider (the default), otherwise null.</summary>
    public static string? SqliteConnectionString(IConfiguration configuration)
    {
        if (ProviderOf(configuration) != DatabaseProvider.Sqlite)
        {
            return null;
        }

        var connection = configuration.GetConnectionString("HipRehab");
        return string.IsNullOrWhiteSpace(connection) ? DefaultSqliteConnection : connection;
    }

    /// <summary>
    /// True when SQLite is the provider and <c>Database:SqliteFastPath</c> is not <c>false</c>: Today reads
    /// through <c>SqliteTodayQuery</c>, and the session writer keeps its connections with their statements
    /// prepared (<see cref="Sqlite.SqliteStatements"/>). Off, SQLite runs the PostgreSQL way (EF Core's
    /// compiled queries, a pooled context per batch), which is how the fast path is measured (Data/Sqlite/README.md).
    /// </summary>
    public static bool SqliteFastPath(IConfiguration configuration) =>
        ProviderOf(configuration) == DatabaseProvider.Sqlite && configuration.GetValue("Database:SqliteFastPath", true);

    /// <summary>
    /// One pooled context per scope, handed out with the scope's <see cref="CallerScope"/> (a pooled
    /// context cannot take scoped services in its constructor); disposing it returns it to the pool.
    /// </summary>
    private static void AddScopedContext<T>(IServiceCollection services) where T : AppDb
    {
        services.AddScoped<CallerScope>();
        services.AddScoped<AppDb>(sp =>
        {
            var db = sp.GetRequiredService<IDbContextFactory<T>>().CreateDbContext();
            db.Caller = sp.GetRequiredService<CallerScope>();
            return db;
        });
    }

    /// <summary>Creates or upgrades the schema. Safe to run from several nodes at once (EF takes a migration lock).</summary>
    public static async Task MigrateAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        await db.Database.MigrateAsync();
        if (db.Database.IsSqlite())
        {
            // WAL lets readers go on while a session is written; it is a property of the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }
    }

    private static void EnsureFolder(string connection)
    {
        var file = new SqliteConnectionStringBuilder(connection).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(file));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }

    /// <summary>
    /// Every SQLite connection commits durably: synchronous=FULL makes a commit wait for the disk
    /// in WAL mode, so a logged session survives a power cut. The settings belong to the pooled
    /// native handle, so they are applied once per handle rather than on every logical open.
    /// </summary>
    private sealed class SqliteDurability : DbConnectionInterceptor
    {
        public static readonly SqliteDurability Instance = new();
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> s_configured = [];

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Apply(connection);
            return Task.CompletedTask;
        }

        private static void Apply(DbConnection connection)
        {
            var handle = (connection as SqliteConnection)?.Handle;
            if (handle is not null && s_configured.TryGetValue(handle, out _))
            {
                return;
            }

            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;";
            command.ExecuteNonQuery();
            if (handle is not null)
            {
                s_configured.AddOrUpdate(handle, handle);
            }
        }
    }

    private sealed class DatabaseHealthCheck(AppDb db) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The database cannot be reached.");
    }
}
