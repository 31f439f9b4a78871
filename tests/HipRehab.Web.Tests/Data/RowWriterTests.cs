using HipRehab.Web.Data;
using Microsoft.EntityFrameworkCore;
using HipRehab.Web.Data.Sqlite;
using HipRehab.Web.Features.Plans;
using HipRehab.Web.Features.Sessions;

namespace HipRehab.Web.Tests;

/// <summary>
/// The session writer stores rows through <see cref="RowWriter"/> rather than SaveChanges. Rows it
/// writes must read back through EF Core exactly as if EF Core had written them (on the provider the
/// suite runs on), and a stale revision must write nothing.
/// </summary>
public sealed class RowWriterTests(TestApp app) : IClassFixture<TestApp>
{
    /// <param name="kept">On a connection that keeps its statements (the session writer's), SQLite rows are
    /// bound by the app itself (<see cref="SqliteBind"/>) rather than by Microsoft.Data.Sqlite.</param>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Rows_ReadBackThroughEfCore_ValueForValue_IncludingNullsDatesAndIds(bool kept)
    {
        var (person, plan) = await app.SignUpWithPlanAsync();
        var itemId = Guid.Parse(plan.FirstStrengthItem().GetProperty("id").GetString()!);
        SessionRecord? written2 = null;
        var session = await app.WithDbAsync(async db =>
        {
            var userId = await db.Users.Where(u => u.Email == person.Email).Select(u => u.Id).SingleAsync();
            var planId = await db.PlanItems.Where(i => i.Id == itemId).Select(i => i.PlanId).SingleAsync();
            var written = new SessionRecord
            {
                Id = Guid.CreateVersion7(), UserId = userId, PlanId = planId,
                // Microseconds: the finest time both providers keep (PostgreSQL stores microseconds).
                PerformedAt = new DateTime(2026, 11, 25, 7, 45, 12, 345, DateTimeKind.Utc).AddTicks(6780),
                PainBefore = null, PainAfter = 3, CreatedAt = new DateTime(2026, 11, 26, 8, 30, 0, DateTimeKind.Utc),
                IdempotencyKey = "row-writer-ключ-1", RequestHash = new string('a', 64), ResponseJson = "{\"note\":\"naïve \\\"quotes\\\"\"}",
            };
            written.Exercises.Add(new ExerciseLogRecord
            {
                Id = Guid.CreateVersion7(), SessionId = written.Id, UserId = userId, PlanItemId = itemId,
                PerformedOn = new DateOnly(2026, 11, 25), PerformedAt = written.PerformedAt, PrescribedExerciseId = "glute-bridge-2",
                PrescribedDoseJson = "{}", CompletedSets = 2, CompletedReps = null, CompletedHoldSeconds = 30, PainDuring = 1, Effort = 4,
                Note = null,
            });
            // A second row of each kind with every nullable value flipped: later rows reuse the first
            // row's parameters and only set their values.
            var second = new SessionRecord
            {
                Id = Guid.CreateVersion7(), UserId = userId, PlanId = planId, PerformedAt = written.PerformedAt.AddDays(-1).AddTicks(10),
                PainBefore = 4, PainAfter = null, CreatedAt = written.CreatedAt.AddSeconds(1),
                IdempotencyKey = "row-writer-2", RequestHash = new string('b', 64), ResponseJson = "{}",
            };
            second.Exercises.Add(new ExerciseLogRecord
            {
                Id = Guid.CreateVersion7(), SessionId = second.Id, UserId = userId, PlanItemId = itemId,
                PerformedOn = new DateOnly(2026, 11, 24), PerformedAt = second.PerformedAt, PrescribedExerciseId = "glute-bridge-1",
                PrescribedDoseJson = "{\"sets\":1}", CompletedSets = 1, CompletedReps = 12, CompletedHoldSeconds = null, PainDuring = 0, Effort = 2,
                Note = "ça va",
            });
            await db.Database.OpenConnectionAsync();
            if (kept)
            {
                SqliteStatements.Keep(db.Database.GetDbConnection());
            }

            try
            {
                await using var tx = await db.Database.BeginTransactionAsync();
                await using (var rows = new RowWriter(db))
                {
                    await rows.InsertAsync(written);
                    await rows.InsertAsync(second);
                    await rows.InsertAsync(written.Exercises[0]);
                    await rows.InsertAsync(second.Exercises[0]);
                }

                await tx.CommitAsync();
                if (kept && db.Database.IsSqlite())
                {
                    Assert.Equal(0, SqliteStatements.Count(db.Database.GetDbConnection())); // bound directly, not through kept commands
                    Assert.Equal(2, SqliteStatements.RawCount(db.Database.GetDbConnection()));
                }
            }
            finally
            {
                SqliteStatements.Release(db.Database.GetDbConnection());
                await db.Database.CloseConnectionAsync();
            }

            written2 = second;
            return written;
        });

        var (readSecond, readSecondLog) = await app.WithDbAsync(async db => (
            await db.Sessions.AsNoTracking().SingleAsync(x => x.Id == written2!.Id),
            await db.ExerciseLogs.AsNoTracking().SingleAsync(x => x.SessionId == written2!.Id)));
        Assert.Equal((written2!.PerformedAt, written2.CreatedAt, written2.PainBefore, written2.PainAfter, written2.IdempotencyKey, written2.RequestHash, written2.ResponseJson),
            (readSecond.PerformedAt, readSecond.CreatedAt, readSecond.PainBefore, readSecond.PainAfter, readSecond.IdempotencyKey, readSecond.RequestHash, readSecond.ResponseJson));
        var log2 = written2.Exercises[0];
        Assert.Equal((log2.Id, log2.PerformedOn, log2.PerformedAt, log2.PrescribedExerciseId, log2.PrescribedDoseJson, log2.CompletedSets, log2.CompletedReps, log2.CompletedHoldSeconds, log2.PainDuring, log2.Effort, log2.Note),
            (readSecondLog.Id, readSecondLog.PerformedOn, readSecondLog.PerformedAt, readSecondLog.PrescribedExerciseId, readSecondLog.PrescribedDoseJson, readSecondLog.CompletedSets,
                readSecondLog.CompletedReps, readSecondLog.CompletedHoldSeconds, readSecondLog.PainDuring, readSecondLog.Effort, readSecondLog.Note));

        var (readSession, readLog, byDate) = await app.WithDbAsync(async db =>
        {
            var s = await db.Sessions.AsNoTracking().SingleAsync(x => x.Id == session.Id);
            var l = await db.ExerciseLogs.AsNoTracking().SingleAsync(x => x.SessionId == session.Id);
            // Queries that compare stored values (dates, ids) find the rows too.
            var found = await db.ExerciseLogs.AsNoTracking().CountAsync(x => x.PlanItemId == itemId && x.PerformedOn == new DateOnly(2026, 11, 25)
                && x.PerformedAt >= new DateTime(2026, 11, 25, 7, 45, 12, DateTimeKind.Utc) && x.PerformedAt < new DateTime(2026, 11, 25, 7, 45, 13, DateTimeKind.Utc));
            return (s, l, found);
        });

        Assert.Equal(session.UserId, readSession.UserId);
        Assert.Equal(session.PlanId, readSession.PlanId);
        Assert.Equal(session.PerformedAt, readSession.PerformedAt);
        Assert.Equal(DateTimeKind.Utc, readSession.PerformedAt.Kind);
        Assert.Null(readSession.PainBefore);
        Assert.Equal(3, readSession.PainAfter);
        Assert.Equal(session.IdempotencyKey, readSession.IdempotencyKey);
        Assert.Equal(session.ResponseJson, readSession.ResponseJson);
        var log = session.Exercises[0];
        Assert.Equal((log.Id, log.PlanItemId, log.PerformedOn, log.CompletedSets, log.CompletedReps, log.CompletedHoldSeconds, log.Note),
            (readLog.Id, readLog.PlanItemId, readLog.PerformedOn, readLog.CompletedSets, readLog.CompletedReps, readLog.CompletedHoldSeconds, readLog.Note));
        Assert.Equal(1, byDate);
    }

    [Fact]
    public async Task UpdateChecked_WithAStaleRevision_Throws_AndTheTransactionWritesNothing()
    {
        var (itemId, before) = await AStoredItemAsync();

        await app.WithDbAsync(async db =>
        {
            var item = await db.PlanItems.AsNoTracking().SingleAsync(i => i.Id == itemId);
            await using var tx = await db.Database.BeginTransactionAsync();
            await using var rows = new RowWriter(db);
            item.Sets += 1;
            item.Revision += 1;
            // Fresh revision: applied inside the transaction.
            await rows.UpdateCheckedAsync(item, item.Revision - 1);
            item.Sets += 1;
            // Someone else's revision: refused, and the transaction is never committed.
            await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => rows.UpdateCheckedAsync(item, item.Revision + 5));
            return 0;
        });

        var after = await app.WithDbAsync(db => db.PlanItems.AsNoTracking().SingleAsync(i => i.Id == itemId));
        Assert.Equal((before.Sets, before.Revision), (after.Sets, after.Revision));
    }

    [Fact]
    public async Task UpdateChecked_WithTheCurrentRevision_WritesEveryColumn()
    {
        var (_, plan) = await app.SignUpWithPlanAsync();
        var itemId = Guid.Parse(plan.FirstStrengthItem().GetProperty("id").GetString()!);
        await app.WithDbAsync(async db =>
        {
            var item = await db.PlanItems.AsNoTracking().SingleAsync(i => i.Id == itemId);
            await using var tx = await db.Database.BeginTransactionAsync();
            await using (var rows = new RowWriter(db))
            {
                var readAt = item.Revision;
                item.Sets = 3;
                item.Band = "red";
                item.Pinned = true;
                item.Revision++;
                await rows.UpdateCheckedAsync(item, readAt);
            }

            await tx.CommitAsync();
            return 0;
        });

        var after = await app.WithDbAsync(db => db.PlanItems.AsNoTracking().SingleAsync(i => i.Id == itemId));
        Assert.Equal((3, "red", true, 1), (after.Sets, after.Band, after.Pinned, after.Revision));
    }

    [Fact]
    public async Task UpdateChecked_WithAColumnList_WritesThoseColumnsAndTheRevision_AndLeavesTheOthers()
    {
        var (itemId, before) = await AStoredItemAsync();
        await app.WithDbAsync(async db =>
        {
            var item = await db.PlanItems.AsNoTracking().SingleAsync(i => i.Id == itemId);
            await using var tx = await db.Database.BeginTransactionAsync();
            await using (var rows = new RowWriter(db))
            {
                var readAt = item.Revision;
                item.Sets = 4;
                item.Band = "green";
                item.Pinned = !item.Pinned;
                item.WhyJson = "[]";
                item.Revision++;
                await rows.UpdateCheckedAsync(item, readAt, "Sets,Band");
                // A stale revision is refused through the column list too.
                await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => rows.UpdateCheckedAsync(item, readAt, "Sets,Band"));
                await Assert.ThrowsAsync<InvalidOperationException>(() => rows.UpdateCheckedAsync(item, item.Revision, "Sets,NoSuchColumn"));
            }

            await tx.CommitAsync();
            return 0;
        });

        var after = await app.WithDbAsync(db => db.PlanItems.AsNoTracking().SingleAsync(i => i.Id == itemId));
        Assert.Equal((4, "green", before.Revision + 1), (after.Sets, after.Band, after.Revision));
        Assert.Equal((before.Pinned, before.WhyJson), (after.Pinned, after.WhyJson));
    }

    [Fact]
    public void SessionDecisions_ChangeOnlyTheColumnsTheWriterUpdates()
    {
        // The session writer writes only SessionBatch.DecidedColumns of a decided
        // item; setting a new dose (all that a decision does to an item, with the revision) must
        // change nothing else.
        var item = new PlanItemRecord
        {
            Id = Guid.NewGuid(), PlanId = Guid.NewGuid(), UserId = "u", Position = 2, Family = "bridge", ExerciseId = "glute-bridge-1",
            Sets = 1, Reps = 10, HoldSeconds = null, RestSeconds = 30, PerSide = false, Band = null, DaysPerWeek = 3,
            DaysJson = "[\"Monday\"]", WhyJson = "[]", Pinned = false, OnHold = false, Revision = 1,
        };
        var copy = item.Copy();
        PlanMapping.SetDose(item, "glute-bridge-2",
            new Core.Library.Dose(3, null, 20, 45, true, Core.Band.Red, 5));
        item.Revision++;
        var changed = typeof(PlanItemRecord).GetProperties().Where(p => p.CanWrite && !Equals(p.GetValue(item), p.GetValue(copy)))
            .Select(p => p.Name).ToHashSet();
        var written = SessionBatch.DecidedColumns.Split(',').ToHashSet();
        Assert.Subset(written, changed);
        // Every decided column did change here, so the check above is not empty.
        Assert.Equal(written, changed);
    }

    /// <summary>A new person's first strength item, as stored.</summary>
    private async Task<(Guid ItemId, PlanItemRecord Stored)> AStoredItemAsync()
    {
        var (_, plan) = await app.SignUpWithPlanAsync();
        var itemId = Guid.Parse(plan.FirstStrengthItem().GetProperty("id").GetString()!);
        return (itemId, await app.WithDbAsync(db => db.PlanItems.AsNoTracking().SingleAsync(i => i.Id == itemId)));
    }
}
