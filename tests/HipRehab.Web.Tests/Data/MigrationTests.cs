using Microsoft.EntityFrameworkCore;

namespace HipRehab.Web.Tests;

/// <summary>Each provider's migration set matches the model, so a fresh database gets the schema the code expects.</summary>
public sealed class MigrationTests : IClassFixture<TestApp>
{
    private readonly TestApp _app;

    public MigrationTests(TestApp app) => _app = app;

    [Fact]
    public async Task Migrations_AreUpToDateWithTheModel_ForThisRunsProvider()
    {
        _app.CreateClient();
        var (pending, applied, available) = await _app.WithDbAsync(async db => (
            db.Database.HasPendingModelChanges(),
            (await db.Database.GetAppliedMigrationsAsync()).ToList(),
            db.Database.GetMigrations().ToList()));
        Assert.False(pending, "The model has changes that no migration captures: add a migration for each provider.");
        Assert.NotEmpty(available);
        Assert.Equal(available, applied);
    }
}
