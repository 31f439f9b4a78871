using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace HipRehab.Web.Tests;

/// <summary>
/// A logged session is in the real database, committed durably, and visible to a separate
/// connection: on SQLite a WAL-mode file with synchronous=FULL on the app's connections; on
/// PostgreSQL a server with synchronous_commit on.
/// </summary>
public sealed class DurabilityTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task ALoggedSession_IsCommittedToTheRealDatabase_AndReadableFromASeparateConnection()
    {
        var (person, plan) = await app.SignUpWithPlanAsync();
        var logged = await (await person.Client.LogSessionAsync(Bodies.Session("2026-11-25T08:00:00Z", Bodies.Done(plan.FirstStrengthItem(), 1, 3))))
            .ExpectAsync(HttpStatusCode.Created);
        var id = Guid.Parse(logged.GetProperty("id").GetString()!);

        await using var connection = app.Database.OpenSeparateConnection();
        if (app.Database.SqliteFile is { } file)
        {
            Assert.True(File.Exists(file), $"{file} should be a real file");
            Assert.Equal("wal", Scalar(connection, "PRAGMA journal_mode"));
            await using var command = (SqliteCommand)connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM Sessions WHERE Id = $id";
            // Microsoft.Data.Sqlite stores a Guid as upper-case text by default, as EF Core does.
            command.Parameters.AddWithValue("$id", id.ToString().ToUpperInvariant());
            Assert.Equal(1L, (long)(await command.ExecuteScalarAsync())!);
        }
        else
        {
            Assert.Equal("on", Scalar(connection, "SHOW synchronous_commit"));
            Assert.Equal("on", Scalar(connection, "SHOW fsync"));
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM \"Sessions\" WHERE \"Id\" = @id";
            var parameter = command.CreateParameter();
            parameter.ParameterName = "id";
            parameter.Value = id;
            command.Parameters.Add(parameter);
            Assert.Equal(1L, Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public async Task TheApp_UsesTheProviderTheTestRunAskedFor()
    {
        var provider = await app.WithDbAsync(db => Task.FromResult(db.Database.ProviderName));
        Assert.Equal(TestDatabase.UsesPostgres ? "Npgsql.EntityFrameworkCore.PostgreSQL" : "Microsoft.EntityFrameworkCore.Sqlite", provider);
        Assert.Equal(TestDatabase.UsesPostgres, app.Database.SqliteFile is null);
    }

    [Fact]
    public async Task TheAppsOwnSqliteConnections_CommitDurably_AndCheckForeignKeys()
    {
        if (TestDatabase.UsesPostgres)
        {
            // PostgreSQL's durability is checked above through synchronous_commit.
            Assert.Equal("on", await app.WithDbAsync(async db =>
            {
                var c = db.Database.GetDbConnection();
                await c.OpenAsync();
                try { return Scalar(c, "SHOW fsync"); } finally { await c.CloseAsync(); }
            }));
            return;
        }

        // Two opens in a row: the settings hold on every pooled handle, not only the first open.
        for (var i = 0; i < 2; i++)
        {
            var (synchronous, foreignKeys) = await app.WithDbAsync(async db =>
            {
                var c = db.Database.GetDbConnection();
                await db.Database.OpenConnectionAsync();
                try { return (Scalar(c, "PRAGMA synchronous"), Scalar(c, "PRAGMA foreign_keys")); }
                finally { await db.Database.CloseConnectionAsync(); }
            });
            Assert.Equal("2", synchronous); // 2 = FULL
            Assert.Equal("1", foreignKeys);
        }
    }

    private static string? Scalar(System.Data.Common.DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar()?.ToString()?.ToLowerInvariant();
    }
}
