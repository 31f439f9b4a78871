using HipRehab.Web.Data;
using HipRehab.Web.Features.Today;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace HipRehab.Web.Tests;

/// <summary>
/// The hand-written SQLite fast path (src/HipRehab.Web/Data/Sqlite/README.md) stays in step with the
/// EF Core model and with the per-person filter it repeats: a new column of a plan item cannot be
/// forgotten, and its reads never return another person's rows, even rows stored wrongly.
/// </summary>
[Trait("Category", "SqliteOnly")]
public sealed class SqliteFastPathTests
{
    [Fact]
    public async Task TodaysItemColumns_AreExactlyTheEfModelsColumnsOfAPlanItem()
    {
        await using var app = TestApp.OnSqlite();
        var model = await app.WithDbAsync(db => Task.FromResult(db.Model.FindEntityType(typeof(PlanItemRecord))!));
        var table = StoreObjectIdentifier.Table(model.GetTableName()!, model.GetSchema());
        var columns = model.GetProperties().Select(p => p.GetColumnName(table)!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(columns, SqliteTodayQuery.ItemColumns.Order(StringComparer.Ordinal).ToList());
        Assert.Equal(SqliteTodayQuery.ItemColumns.Length, SqliteTodayQuery.ItemColumns.Distinct(StringComparer.Ordinal).Count());
        // Every column is in the key and in the full read.
        Assert.All(SqliteTodayQuery.ItemColumns, c => Assert.Contains($"octet_length(i.\"{c}\")", SqliteTodayQuery.KeysSql, StringComparison.Ordinal));
        Assert.All(SqliteTodayQuery.ItemColumns, c => Assert.Contains($"i.\"{c}\",", SqliteTodayQuery.PlanSql, StringComparison.Ordinal));
    }

    [Fact]
    public void APlanItemsCopy_HasEveryValue()
    {
        var item = new PlanItemRecord
        {
            Id = Guid.NewGuid(), PlanId = Guid.NewGuid(), UserId = "u", Position = 3, Family = "f", ExerciseId = "e", Sets = 2, Reps = 9,
            HoldSeconds = 5, RestSeconds = 30, PerSide = true, Band = "red", DaysPerWeek = 3, DaysJson = "[]", WhyJson = "[]", Pinned = true,
            OnHold = true, Revision = 4,
        };
        var copy = item.Copy();
        Assert.NotSame(item, copy);
        foreach (var property in typeof(PlanItemRecord).GetProperties())
        {
            Assert.Equal(property.GetValue(item), property.GetValue(copy));
        }
    }

    [Fact]
    public async Task TodaysPreparedReads_NeverReturnAnotherPersonsRows_EvenAnItemStoredUnderTheWrongPerson()
    {
        await using var app = TestApp.OnSqlite();
        var (ann, annPlan) = await app.SignUpWithPlanAsync("ann");
        var (bob, _) = await app.SignUpWithPlanAsync("bob");
        var annId = await app.UserIdAsync(ann);
        var bobId = await app.UserIdAsync(bob);
        var annPlanId = Guid.Parse(annPlan.GetProperty("id").GetString()!);
        var query = app.Services.GetRequiredService<ITodayQuery>();
        var day = new DateOnly(2026, 11, 23);

        // An item in Ann's plan whose row names Bob: neither of them may see it through Ann's plan.
        await app.WithDbAsync(async db =>
        {
            var item = (await db.PlanItems.AsNoTracking().FirstAsync(i => i.PlanId == annPlanId)).Copy();
            item.Id = Guid.NewGuid();
            item.UserId = bobId;
            item.Position = 99;
            db.PlanItems.Add(item);
            return await db.SaveChangesAsync();
        });

        for (var round = 0; round < 2; round++) // the second round answers from the kept item keys
        {
            var annRows = await query.ReadAsync(annId, day, CancellationToken.None);
            var bobRows = await query.ReadAsync(bobId, day, CancellationToken.None);
            Assert.Equal(annPlanId, annRows.PlanId);
            Assert.All(annRows.Items, i => Assert.Equal(annId, i.UserId));
            Assert.DoesNotContain(annRows.Items, i => i.Position == 99);
            Assert.NotEqual(annPlanId, bobRows.PlanId);
            Assert.All(bobRows.Items, i => Assert.Equal(bobId, i.UserId));
            Assert.Empty(annRows.Items.Select(i => i.Id).Intersect(bobRows.Items.Select(i => i.Id)));
            Assert.Equal(annPlan.Items().Count(), annRows.Items.Count);
        }
    }
}
