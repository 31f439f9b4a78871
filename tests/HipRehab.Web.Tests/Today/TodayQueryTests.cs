using HipRehab.Web.Data;
using HipRehab.Web.Features.Today;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HipRehab.Web.Tests;

/// <summary>
/// On SQLite, Today reads through statements prepared once on long-lived connections
/// (<see cref="SqliteTodayQuery"/>); on PostgreSQL through EF Core (<see cref="EfTodayQuery"/>). These
/// run on a SQLite file (in the SQLite pass of ./test.sh only: Category=SqliteOnly) and hold the two to the same answer, row for row,
/// through every state a plan and a day can be in; the API tests pin what that answer means.
/// </summary>
[Trait("Category", "SqliteOnly")]
public sealed class TodayQueryTests
{
    private static readonly DateOnly Day = new(2026, 11, 24);

    [Fact]
    public async Task PreparedReads_AnswerExactlyAsEfCore_ThroughEveryStateOfAPlanAndADay()
    {
        await using var app = TestApp.OnSqlite();
        var person = await app.SignUpAsync();
        var userId = await UserIdAsync(app, person);
        var prepared = app.Services.GetRequiredService<ITodayQuery>();
        Assert.IsType<SqliteTodayQuery>(prepared);
        var compared = 0;

        async Task<TodayRows> Same(string who, DateOnly date)
        {
            var fast = await prepared.ReadAsync(who, date, CancellationToken.None);
            var reference = await app.WithDbAsync(db => new EfTodayQuery(db).ReadAsync(who, date, CancellationToken.None));
            Assert.Equal(JsonSerializer.Serialize(reference), JsonSerializer.Serialize(fast));
            compared++;
            return fast;
        }

        // No plan, no sessions.
        var none = await Same(userId, Day);
        Assert.Null(none.PlanId);
        Assert.Empty(none.Done);

        // A plan; 60 sessions on the day with odd fractions of a second, stored out of order, plus
        // the last tick before it, its first tick and the first tick of the next day.
        var plan = await person.Client.CreatePlanAsync(Intakes.Typical());
        var planId = Guid.Parse(plan.GetProperty("id").GetString()!);
        var start = Day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var times = Enumerable.Range(0, 60).Select(i => start.AddHours(5).AddMinutes(7 * i).AddTicks(1_234_567 * i)).Reverse()
            .Append(start.AddTicks(-1)).Append(start).Append(start.AddDays(1).AddTicks(-1)).Append(start.AddDays(1));
        await AddSessionsAsync(app, userId, planId, times);
        var someone = await app.SignUpWithPlanAsync("someone");
        var someoneId = await UserIdAsync(app, someone.Person);
        await AddSessionsAsync(app, someoneId, Guid.Parse(someone.Plan.GetProperty("id").GetString()!), [start.AddHours(9), start.AddHours(10)]);

        var busy = await Same(userId, Day);
        Assert.Equal(planId, busy.PlanId);
        Assert.Equal(TodayService.MaxCompletedSessions, busy.Done.Count);
        Assert.Equal(plan.Items().Count(), busy.Items.Count);
        var newest = await app.WithDbAsync(db => db.Sessions.Where(s => s.UserId == userId && s.PerformedAt >= start && s.PerformedAt < start.AddDays(1))
            .OrderByDescending(s => s.PerformedAt).Take(TodayService.MaxCompletedSessions).Select(s => s.Id).ToListAsync());
        Assert.Equal(Enumerable.Reverse(newest), busy.Done);
        Assert.Single((await Same(userId, Day.AddDays(-1))).Done);
        Assert.Single((await Same(userId, Day.AddDays(1))).Done);
        var theirs = await Same(someoneId, Day);
        Assert.Equal(2, theirs.Done.Count);
        Assert.Empty(theirs.Done.Intersect(busy.Done));
        Assert.Empty(theirs.Items.Select(i => i.Id).Intersect(busy.Items.Select(i => i.Id)));

        // Items with every optional field empty or set, one on hold, positions out of storage order.
        await app.WithDbAsync(async db =>
        {
            var items = await db.PlanItems.Where(i => i.PlanId == planId).OrderBy(i => i.Position).ToListAsync();
            items[0].OnHold = true;
            items[1].Reps = null;
            items[1].HoldSeconds = 45;
            items[1].Band = "red";
            items[2].Pinned = true;
            items[2].Revision = 7;
            (items[3].Position, items[4].Position) = (items[4].Position, items[3].Position);
            return await db.SaveChangesAsync();
        });
        var tailored = await Same(userId, Day);
        Assert.Equal(plan.Items().Count() - 1, tailored.Items.Count);
        Assert.All(tailored.Items, i => Assert.False(i.OnHold));

        // A second plan replaces the first; then the first is left "active" by mistake: the newest wins.
        var second = await person.Client.PostAsync("/api/v1/me/plan", null);
        var secondId = Guid.Parse((await second.ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetString()!);
        Assert.Equal(secondId, (await Same(userId, Day)).PlanId);
        await app.WithDbAsync(db => db.Plans.Where(p => p.Id == planId).ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, "active")));
        Assert.Equal(secondId, (await Same(userId, Day)).PlanId);

        // Paused: no items, the reason kept.
        await app.WithDbAsync(db => db.Plans.Where(p => p.Id == secondId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, "paused").SetProperty(p => p.PausedReason, "A red flag at the check-in.")));
        var paused = await Same(userId, Day);
        Assert.True(paused.Paused);
        Assert.Equal("A red flag at the check-in.", paused.PausedReason);
        Assert.Empty(paused.Items);

        // A plan without items (every item removed): the plan, nothing in it.
        await app.WithDbAsync(async db =>
        {
            await db.Plans.Where(p => p.Id == secondId).ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, "active"));
            return await db.PlanItems.Where(i => i.PlanId == secondId).ExecuteDeleteAsync();
        });
        var empty = await Same(userId, Day);
        Assert.Equal(secondId, empty.PlanId);
        Assert.Empty(empty.Items);
        Assert.Equal(10, compared);
    }

    [Fact]
    public async Task PooledConnections_NeverMixPeople_SeeEveryNewCommit_AndKeepAtMostMaxIdleOpen()
    {
        await using var app = TestApp.OnSqlite();
        var people = new List<(string UserId, Guid PlanId)>();
        for (var i = 0; i < 3; i++)
        {
            var (person, plan) = await app.SignUpWithPlanAsync();
            people.Add((await UserIdAsync(app, person), Guid.Parse(plan.GetProperty("id").GetString()!)));
        }

        var start = Day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        for (var p = 0; p < people.Count; p++)
        {
            await AddSessionsAsync(app, people[p].UserId, people[p].PlanId, Enumerable.Range(0, p + 1).Select(i => start.AddHours(8 + i)));
        }

        using var query = new SqliteTodayQuery(app.Database.ConnectionString);
        var expected = new Dictionary<string, string>();
        foreach (var (userId, _) in people)
        {
            expected[userId] = JsonSerializer.Serialize(await app.WithDbAsync(db => new EfTodayQuery(db).ReadAsync(userId, Day, CancellationToken.None)));
        }

        // 300 reads, up to 24 at once, on more connections than are kept: each answer is its own person's.
        var reads = Enumerable.Range(0, 300).Select(i => people[i % people.Count].UserId).ToList();
        await Parallel.ForEachAsync(reads, new ParallelOptions { MaxDegreeOfParallelism = 24 }, async (userId, ct) =>
            Assert.Equal(expected[userId], JsonSerializer.Serialize(await query.ReadAsync(userId, Day, ct))));
        Assert.InRange(query.IdleCount, 1, SqliteTodayQuery.MaxIdle);

        // A kept connection does not hold on to an old snapshot: a session committed after the last
        // read is in the next one, on every kept connection.
        var (first, firstPlan) = people[0];
        var before = await query.ReadAsync(first, Day, CancellationToken.None);
        var added = await AddSessionsAsync(app, first, firstPlan, [start.AddHours(20)]);
        await Parallel.ForEachAsync(Enumerable.Range(0, 48), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, ct) =>
        {
            var after = await query.ReadAsync(first, Day, ct);
            Assert.Equal([.. before.Done, .. added], after.Done);
        });

        // Kept connections hold no read transaction between requests: a full checkpoint is not blocked.
        using (var connection = app.Database.OpenSeparateConnection())
        using (var checkpoint = connection.CreateCommand())
        {
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            using var result = checkpoint.ExecuteReader();
            Assert.True(result.Read());
            Assert.Equal(0L, result.GetInt64(0)); // 1 would mean a reader blocked it
        }

        query.Dispose();
        Assert.Equal(0, query.IdleCount);
    }

    [Fact]
    public async Task KeptItems_AreUsedWhileEveryStoredValueIsTheSame_AndNeverAfterAnyValueChanges()
    {
        await using var app = TestApp.OnSqlite();
        var (person, plan) = await app.SignUpWithPlanAsync();
        var userId = await UserIdAsync(app, person);
        var itemId = Guid.Parse(plan.Items().First().GetProperty("id").GetString()!);
        using var query = new SqliteTodayQuery(app.Database.ConnectionString);

        async Task<TodayRows> Same()
        {
            var fast = await query.ReadAsync(userId, Day, CancellationToken.None);
            var reference = await app.WithDbAsync(db => new EfTodayQuery(db).ReadAsync(userId, Day, CancellationToken.None));
            Assert.Equal(JsonSerializer.Serialize(reference), JsonSerializer.Serialize(fast));
            return fast;
        }

        // The first read takes every column; the next ones only the keys.
        await Same();
        Assert.Equal((0L, 1L), query.Reads);
        var first = await Same();
        await Same();
        Assert.Equal((2L, 1L), query.Reads);

        // Each answer has its own records: changing one changes no other answer.
        first.Items[0].Sets = 99;
        Assert.NotEqual(99, (await Same()).Items[0].Sets);

        // Every column of an item changed behind the app's back (no revision bump), one at a time and
        // never back to a state seen before: each change is seen at once, and the read after it is
        // answered from the keys again.
        string[] changes =
        [
            "\"Position\" = \"Position\" + 100", "\"Family\" = 'bridge-x'", "\"ExerciseId\" = 'bridge-x-1'", "\"Sets\" = \"Sets\" + 1",
            "\"Reps\" = NULL", "\"HoldSeconds\" = 30", "\"Reps\" = 7", "\"HoldSeconds\" = NULL", "\"RestSeconds\" = 61",
            "\"Band\" = 'red'", "\"PerSide\" = 1 - \"PerSide\"", "\"Band\" = 'red '", "\"Band\" = NULL", "\"DaysPerWeek\" = 1",
            "\"DaysJson\" = '[\"Monday\"]'", "\"WhyJson\" = '[]'", "\"WhyJson\" = '[{{\"ruleId\":\"X1\",\"text\":\"it''s, here\"}}]'", // braces doubled: raw SQL is a format string
            "\"OnHold\" = 1", "\"Pinned\" = 1 - \"Pinned\"", "\"OnHold\" = 0", "\"Revision\" = \"Revision\" + 1",
        ];
        foreach (var change in changes)
        {
            var before = query.Reads;
            var update = "UPDATE \"PlanItems\" SET " + change + " WHERE \"Id\" = '" + itemId.ToString().ToUpperInvariant() + "'";
            Assert.Equal(1, await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(update)));
            await Same();
            Assert.Equal(before.FullReads + 1, query.Reads.FullReads);
            await Same();
            Assert.Equal(before.KeyReads + 1, query.Reads.KeyReads);
        }

        var changed = await app.WithDbAsync(db => db.PlanItems.AsNoTracking().SingleAsync(i => i.Id == itemId));
        Assert.Equal(("bridge-x-1", 7, (int?)null, (string?)null), (changed.ExerciseId, changed.Reps, changed.HoldSeconds, changed.Band));
    }

    [Fact]
    public async Task HighestPainOfTheDay_IsReadAsEfCoreReadsIt_FromCheckInsAndIntakesOfThatDayOnly_AndOnlyTheCallers()
    {
        await using var app = TestApp.OnSqlite();
        var (person, _) = await app.SignUpWithPlanAsync();
        var userId = await UserIdAsync(app, person);
        var (other, _) = await app.SignUpWithPlanAsync("other");
        var otherId = await UserIdAsync(app, other);
        var prepared = app.Services.GetRequiredService<ITodayQuery>();
        var start = Day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

        async Task<int?> Same(string who, DateOnly date)
        {
            var fast = await prepared.ReadAsync(who, date, CancellationToken.None);
            var reference = await app.WithDbAsync(db => new EfTodayQuery(db).ReadAsync(who, date, CancellationToken.None));
            Assert.Equal(JsonSerializer.Serialize(reference), JsonSerializer.Serialize(fast));
            return fast.HighestPain;
        }

        Assert.Null(await Same(userId, Day));
        await app.WithDbAsync(async db =>
        {
            // Check-ins on the day and the days around it; intakes at the day's first and last tick and just outside it.
            foreach (var (date, pain, who) in new[] { (Day, 5, userId), (Day.AddDays(-1), 10, userId), (Day.AddDays(1), 10, userId), (Day, 10, otherId) })
            {
                db.CheckIns.Add(new CheckInRecord { Id = Guid.CreateVersion7(), UserId = who, Date = date, UsualPain = pain, SettledSinceLastSession = true, RedFlagsJson = "[]", CreatedAt = start });
            }

            foreach (var (at, pain) in new[] { (start.AddTicks(-1), 10), (start, 6), (start.AddDays(1).AddTicks(-1), 7), (start.AddDays(1), 10) })
            {
                db.Intakes.Add(new IntakeRecord { UserId = userId, CreatedAt = at, FormJson = "{}", ScreeningOutcome = "clear", FindingsJson = "[]", PainNow = pain });
            }

            return await db.SaveChangesAsync();
        });

        Assert.Equal(7, await Same(userId, Day));
        Assert.Equal(10, await Same(userId, Day.AddDays(1)));
        Assert.Equal(10, await Same(otherId, Day));
        Assert.Null(await Same(otherId, Day.AddDays(-1)));
    }

    private static Task<string> UserIdAsync(TestApp app, Person person) =>
        app.WithDbAsync(db => db.Users.Where(u => u.Email == person.Email).Select(u => u.Id).SingleAsync());

    private static async Task<List<Guid>> AddSessionsAsync(TestApp app, string userId, Guid planId, IEnumerable<DateTime> times)
    {
        var sessions = times.Select(t => new SessionRecord
        {
            Id = Guid.CreateVersion7(),
            UserId = userId,
            PlanId = planId,
            PerformedAt = t,
            CreatedAt = t,
            IdempotencyKey = $"q-{Guid.NewGuid():N}",
            RequestHash = "-",
            ResponseJson = "{}",
        }).ToList();
        await app.WithDbAsync(db =>
        {
            db.Sessions.AddRange(sessions);
            return db.SaveChangesAsync();
        });
        return [.. sessions.Select(s => s.Id)];
    }
}
