using Microsoft.Data.Sqlite;
using Npgsql;

namespace HipRehab.Web.Tests;

/// <summary>
/// A real, empty database for one <see cref="TestApp"/>: a fresh SQLite file by default, or a fresh
/// PostgreSQL database when <c>HIPREHAB_TEST_PROVIDER=PostgreSQL</c> (server from
/// <c>HIPREHAB_TEST_PG</c>, a base connection string such as
/// <c>Host=127.0.0.1;Port=5433;Username=postgres</c>). The same tests run against both, so a
/// provider difference shows up as a failing test, never as a skip.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    public const string ProviderVariable = "HIPREHAB_TEST_PROVIDER";
    public const string ServerVariable = "HIPREHAB_TEST_PG";

    private bool _created;
    private bool _disposed;

    private TestDatabase(string provider, string connectionString, string? sqliteFile, string? postgresName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        SqliteFile = sqliteFile;
        PostgresName = postgresName;
    }

    /// <summary>True when the tests run against PostgreSQL.</summary>
    public static bool UsesPostgres => ProviderFromEnvironment() == "PostgreSQL";

    /// <summary><c>Sqlite</c> or <c>PostgreSQL</c>, as the app's <c>Database:Provider</c> setting spells it.</summary>
    public string Provider { get; }

    /// <summary>The app's <c>ConnectionStrings:HipRehab</c>.</summary>
    public string ConnectionString { get; }

    /// <summary>The SQLite file, or null on PostgreSQL.</summary>
    public string? SqliteFile { get; }

    /// <summary>The PostgreSQL database name, or null on SQLite.</summary>
    public string? PostgresName { get; }

    public static TestDatabase Create()
    {
        if (ProviderFromEnvironment() == "PostgreSQL")
        {
            var server = Environment.GetEnvironmentVariable(ServerVariable);
            if (string.IsNullOrWhiteSpace(server))
            {
                // A missing server must fail the run: a skipped provider verifies nothing.
                throw new InvalidOperationException($"{ProviderVariable}=PostgreSQL needs {ServerVariable}, e.g. \"Host=127.0.0.1;Port=5433;Username=postgres\".");
            }

            var name = $"hiprehab_t_{Guid.NewGuid():N}";
            var builder = new NpgsqlConnectionStringBuilder(server) { Database = name };
            return new TestDatabase("PostgreSQL", builder.ConnectionString, null, name);
        }

        return CreateSqlite();
    }

    /// <summary>A fresh SQLite file whatever the run's provider: for tests of code that exists only on SQLite.</summary>
    public static TestDatabase CreateSqlite()
    {
        var folder = Path.Combine(Path.GetTempPath(), "hiprehab-tests");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"{Guid.NewGuid()}.db");
        return new TestDatabase("Sqlite", new SqliteConnectionStringBuilder { DataSource = file }.ConnectionString, file, null);
    }

    /// <summary>Creates the database before the app starts (PostgreSQL only; SQLite creates its file on first use).</summary>
    public void EnsureCreated()
    {
        if (_created || PostgresName is null)
        {
            return;
        }

        using var connection = new NpgsqlConnection(AdminConnectionString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"CREATE DATABASE \"{PostgresName}\"";
        command.ExecuteNonQuery();
        _created = true;
    }

    /// <summary>A connection to this database that is separate from the app's own pool.</summary>
    public System.Data.Common.DbConnection OpenSeparateConnection()
    {
        System.Data.Common.DbConnection connection = SqliteFile is not null
            ? new SqliteConnection(new SqliteConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString)
            : new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
        connection.Open();
        return connection;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (SqliteFile is not null)
        {
            // Pooled connections keep the file open; close ours (only ours) before deleting it.
            using (var pooled = new SqliteConnection(ConnectionString))
            {
                SqliteConnection.ClearPool(pooled);
            }

            foreach (var file in new[] { SqliteFile, SqliteFile + "-wal", SqliteFile + "-shm", SqliteFile + "-journal" })
            {
                try
                {
                    File.Delete(file);
                }
                catch (IOException)
                {
                    // Best effort: a leftover temp file must not fail the test that used it.
                }
            }

            return;
        }

        if (_created)
        {
            using (var pooled = new NpgsqlConnection(ConnectionString))
            {
                NpgsqlConnection.ClearPool(pooled);
            }

            using var connection = new NpgsqlConnection(AdminConnectionString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"DROP DATABASE IF EXISTS \"{PostgresName}\" WITH (FORCE)";
            command.ExecuteNonQuery();
        }
    }

    private string AdminConnectionString() =>
        new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString;

    private static string ProviderFromEnvironment()
    {
        var value = Environment.GetEnvironmentVariable(ProviderVariable);
        if (string.IsNullOrWhiteSpace(value) || string.Equals(value, "Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            return "Sqlite";
        }

        return string.Equals(value, "PostgreSQL", StringComparison.OrdinalIgnoreCase)
            ? "PostgreSQL"
            : throw new InvalidOperationException($"{ProviderVariable}='{value}' is not supported; use Sqlite or PostgreSQL.");
    }
}
