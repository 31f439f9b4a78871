using HipRehab.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using HipRehab.Web.Data.Sqlite;

namespace HipRehab.Web.Tests;

/// <summary>
/// The session writer's own SQLite connection keeps its statements prepared
/// (<see cref="SqliteStatements"/>): EF Core's queries run through one kept command per SQL text.
/// These show the answers are EF Core's own, one statement is kept per query however often it runs,
/// a query run again while its rows are still being read is not disturbed, and writes follow the
/// transaction. They run on a SQLite file, in the SQLite pass of ./test.sh only (Category=SqliteOnly).
/// </summary>
[Trait("Category", "SqliteOnly")]
public sealed class SqliteStatementsTests
{
    [Fact]
    public async Task KeptStatements_AnswerAsEfCore_OneStatementPerQuery_NestedReadsAndTransactionsIntact()
    {
        await using var app = TestApp.OnSqlite();
        var people = new List<(string UserId, Guid PlanId)>();
        for (var i = 0; i < 2; i++)
        {
            var (person, plan) = await app.SignUpWithPlanAsync();
            await (await person.Client.LogSessionAsync(Bodies.Session("2026-11-25T08:00:00Z", Bodies.Done(plan.FirstStrengthItem(), 1, 3))))
                .ExpectAsync(HttpStatusCode.Created);
            var userId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == person.Email).Select(u => u.Id).SingleAsync());
            people.Add((userId, Guid.Parse(plan.GetProperty("id").GetString()!)));
        }

        await using var kept = new SqliteAppDb(app.Services.GetRequiredService<DbContextOptions<SqliteAppDb>>());
        await kept.Database.OpenConnectionAsync();
        var connection = kept.Database.GetDbConnection();
        SqliteStatements.Keep(connection);

        static IQueryable<string> Items(AppDb db, string userId) =>
            db.PlanItems.AsNoTracking().Where(i => i.UserId == userId).OrderBy(i => i.Position).Select(i => i.Id + " " + i.ExerciseId + " " + i.Revision);
        static Task<List<string>> ItemsOf(AppDb db, string userId) => Items(db, userId).ToListAsync();

        // The same answers as a pooled context, for each person, run again and again: one statement kept.
        for (var round = 0; round < 3; round++)
        {
            foreach (var (userId, _) in people)
            {
                var expected = await app.WithDbAsync(db => ItemsOf(db, userId));
                Assert.NotEmpty(expected);
                Assert.Equal(expected, await ItemsOf(kept, userId));
            }
        }

        Assert.Equal(1, SqliteStatements.Count(connection));
        Assert.Equal(2, await kept.Sessions.CountAsync());
        Assert.Equal(2, SqliteStatements.Count(connection));

        // Rows of one query still being read while the same query (the same SQL) runs for someone else.
        var (first, _) = people[0];
        var (second, _) = people[1];
        var outer = new List<string>();
        await foreach (var item in Items(kept, first).AsAsyncEnumerable())
        {
            outer.Add(item);
            Assert.Equal(await app.WithDbAsync(db => ItemsOf(db, second)), await ItemsOf(kept, second));
        }

        Assert.Equal(await app.WithDbAsync(db => ItemsOf(db, first)), outer);

        // Writes through kept statements follow the transaction: rolled back, nothing; committed, stored.
        await using (var tx = await kept.Database.BeginTransactionAsync())
        {
            Assert.Equal(2, await kept.PlanItems.Where(i => i.UserId == first).Take(2).ExecuteUpdateAsync(s => s.SetProperty(i => i.Revision, 99)));
            Assert.Equal(2, await kept.PlanItems.CountAsync(i => i.UserId == first && i.Revision == 99));
            await tx.RollbackAsync();
        }

        Assert.Equal(0, await app.WithDbAsync(db => db.PlanItems.CountAsync(i => i.Revision == 99)));
        await using (var tx = await kept.Database.BeginTransactionAsync())
        {
            await kept.PlanItems.Where(i => i.UserId == first).Take(2).ExecuteUpdateAsync(s => s.SetProperty(i => i.Revision, 99));
            await tx.CommitAsync();
        }

        Assert.Equal(2, await app.WithDbAsync(db => db.PlanItems.CountAsync(i => i.UserId == first && i.Revision == 99)));
        Assert.Equal(0, await app.WithDbAsync(db => db.PlanItems.CountAsync(i => i.UserId == second && i.Revision == 99)));

        // Pooled contexts' connections are never kept.
        await app.WithDbAsync(async db =>
        {
            await ItemsOf(db, first);
            Assert.Equal(0, SqliteStatements.Count(db.Database.GetDbConnection()));
            return 0;
        });

        var keptCount = SqliteStatements.Count(connection);
        Assert.InRange(keptCount, 3, 6); // the items query, two counts, the update
        SqliteStatements.Release(connection);
        Assert.Equal(0, SqliteStatements.Count(connection));
        Assert.Equal(await app.WithDbAsync(db => ItemsOf(db, second)), await ItemsOf(kept, second));
    }
}
