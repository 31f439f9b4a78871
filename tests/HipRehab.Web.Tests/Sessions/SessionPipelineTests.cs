using HipRehab.Web.Data;
using HipRehab.Web.Features.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HipRehab.Web.Tests;

/// <summary>
/// The session writer decides the next batch while the batch before it is still committing, on
/// another connection, from what that batch left (<see cref="SessionBatch.Carry"/>). These take
/// the two steps apart by hand: a batch decided before the one before it is committed must decide,
/// answer and store exactly what it would after that commit, and without the carry it could not
/// (it would read the older dose and be refused when written).
/// </summary>
public sealed class SessionPipelineTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task ABatchDecidedBeforeThePreviousCommit_DecidesAndStoresAsIfAfterIt()
    {
        var (piped, planP) = await app.SignUpWithPlanAsync("piped");
        var (serial, planS) = await app.SignUpWithPlanAsync("serial");
        var pipedId = await UserIdAsync(piped);
        var serialId = await UserIdAsync(serial);
        var itemP = Guid.Parse(planP.FirstStrengthItem().GetProperty("id").GetString()!);
        var itemS = Guid.Parse(planS.FirstStrengthItem().GetProperty("id").GetString()!);

        // Pain-free, easy sessions of the whole first dose: each one sees those before it, so the dose climbs.
        var dose = planP.FirstStrengthItem().GetProperty("dose");
        var (sets, reps) = (dose.GetProperty("sets").GetInt32(), dose.GetProperty("reps").GetInt32());
        int? hold = dose.GetProperty("holdSeconds").ValueKind == JsonValueKind.Number ? dose.GetProperty("holdSeconds").GetInt32() : null;
        List<SessionJob> Batch(string userId, Guid item, string prefix, int count, int from) => [.. Enumerable.Range(from, count).Select(i =>
            new SessionJob(userId, $"{prefix}-{i}", $"hash-{i}", new SessionRequest(new DateTimeOffset(2026, 11, 25, 7, 0, 0, TimeSpan.Zero).AddMinutes(i), 0, 0,
                [new SessionExerciseRequest(item, sets, reps, hold, 0, 2, null)])))];

        // One after another: each batch committed before the next is decided.
        foreach (var (count, from) in new[] { (3, 0), (4, 3), (2, 7) })
        {
            await InScopeAsync(s => s.WriteAsync(Batch(serialId, itemS, "s", count, from)));
        }

        // Piped: batch 2 is decided (on another context) while batch 1's rows are written but not
        // committed; batch 3 likewise over batch 2; and a key of batch 1 sent again in batch 2.
        var first = Batch(pipedId, itemP, "p", 3, 0);
        var second = Batch(pipedId, itemP, "p", 4, 3).Append(first[1]).ToList();
        var third = Batch(pipedId, itemP, "p", 2, 7);
        await using var s1 = app.Services.CreateAsyncScope();
        await using var s2 = app.Services.CreateAsyncScope();
        await using var s3 = app.Services.CreateAsyncScope();
        var d1 = await Service(s1).DecideAsync(first, previous: null);
        var tx1 = await SessionBatch.BeginAndWriteAsync(Db(s1), d1.Pending);
        var d2 = await Service(s2).DecideAsync(second, d1.Carry);
        var without = await InScopeAsync(s => s.DecideAsync(second, previous: null));
        await tx1.CommitAsync();
        await tx1.DisposeAsync();
        var tx2 = await SessionBatch.BeginAndWriteAsync(Db(s2), d2.Pending);
        var d3 = await Service(s3).DecideAsync(third, d2.Carry);
        await tx2.CommitAsync();
        await tx2.DisposeAsync();
        await using (var tx3 = await SessionBatch.BeginAndWriteAsync(Db(s3), d3.Pending))
        {
            await tx3.CommitAsync();
        }

        // The repeated key is answered with batch 1's stored answer, not stored twice.
        Assert.Equal(SessionOutcome.Replayed, d2.Results[^1].Outcome);
        Assert.Equal(d1.Results[1].ResponseJson, d2.Results[^1].ResponseJson);
        Assert.All(d1.Results.Concat(d2.Results.SkipLast(1)).Concat(d3.Results), r => Assert.Equal(SessionOutcome.Created, r.Outcome));

        // Same decisions, same final dose and revision as one after another.
        var (pipedActions, pipedDose) = await StateAsync(pipedId, itemP);
        var (serialActions, serialDose) = await StateAsync(serialId, itemS);
        Assert.Equal(serialActions, pipedActions);
        Assert.Equal(serialDose, pipedDose);
        Assert.True(pipedActions.Any(a => a.StartsWith("progress ", StringComparison.Ordinal)), string.Join("\n", pipedActions));
        Assert.Equal(9, await app.WithDbAsync(db => db.Sessions.CountAsync(s => s.UserId == pipedId)));

        // Without the carry, batch 2 would have read batch 1's item and keys before its commit: the
        // older dose and revision, and batch 1's key as new. Its decisions differ, and writing it is
        // refused (the repeated key, or the item's revision check) with nothing stored.
        Assert.NotEqual(Decisions(d2), Decisions(without));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var refused = await Record.ExceptionAsync(async () =>
            {
                await using var tx = await SessionBatch.BeginAndWriteAsync(Db(scope), without.Pending);
                await tx.CommitAsync();
            });
            Assert.True(refused is DbUpdateException or System.Data.Common.DbException, refused?.ToString() ?? "it was written");
        }

        Assert.Equal(9, await app.WithDbAsync(db => db.Sessions.CountAsync(s => s.UserId == pipedId)));
    }

    private static SessionBatch Service(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<SessionBatch>();

    private static AppDb Db(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<AppDb>();

    private async Task<T> InScopeAsync<T>(Func<SessionBatch, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(Service(scope));
    }

    private static List<string> Decisions(SessionBatch.Decided decided) =>
        [.. decided.Results.Where(r => r.Response is not null).SelectMany(r => r.Response!.Decisions.Select(d => $"{d.Action} {d.Next.ExerciseId} {d.Next.Dose}"))];

    private Task<string> UserIdAsync(Person person) =>
        app.WithDbAsync(db => db.Users.Where(u => u.Email == person.Email).Select(u => u.Id).SingleAsync());

    private Task<(List<string> Actions, string Dose)> StateAsync(string userId, Guid itemId) => app.WithDbAsync(async db =>
    {
        var actions = await db.Decisions.Where(d => d.UserId == userId && d.PlanItemId == itemId).OrderBy(d => d.CreatedAt).ThenBy(d => d.Id)
            .Select(d => d.Action + " " + d.NextJson).ToListAsync();
        var item = await db.PlanItems.SingleAsync(i => i.Id == itemId);
        return (actions, $"{item.ExerciseId} {item.Sets}x{item.Reps} hold {item.HoldSeconds} band {item.Band} r{item.Revision}");
    });
}
