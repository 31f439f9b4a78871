using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace HipRehab.Web.Data;

// Used only by `dotnet ef migrations add`: each provider keeps its own migration set.
//   dotnet ef migrations add NAME --project src/HipRehab.Web --context SqliteAppDb --output-dir Data/Migrations/Sqlite
//   dotnet ef migrations add NAME --project src/HipRehab.Web --context PostgresAppDb --output-dir Data/Migrations/PostgreSQL

public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAppDb>
{
    public SqliteAppDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAppDb>().UseSqlite(DatabaseSetup.DefaultSqliteConnection).Options);
}

public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAppDb>
{
    public PostgresAppDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAppDb>().UseNpgsql("Host=localhost;Database=hiprehab").Options);
}
