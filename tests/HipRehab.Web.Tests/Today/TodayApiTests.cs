using HipRehab.Web.Data;
using HipRehab.Web.Features.Today;
using Microsoft.EntityFrameworkCore;

namespace HipRehab.Web.Tests;

/// <summary>
/// Today reads the current plan and its items in one query and the day's sessions in another (at most
/// <see cref="TodayService.MaxCompletedSessions"/>): these pin what that answer must keep saying.
/// </summary>
public sealed class TodayApiTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task PausedPlan_HasNothingDue_OnAnyDay_AndSaysWhy()
    {
        var (person, _) = await app.SignUpWithPlanAsync();
        await (await person.Client.CheckInAsync(Bodies.CheckIn("2026-11-26", 4, true, "hot-swollen-fever"))).ExpectAsync(HttpStatusCode.Created);
        var plan = await person.Client.GetPlanAsync();
        Assert.Equal("paused", plan.GetProperty("status").GetString());
        var reason = plan.GetProperty("pausedReason").GetString();
        Assert.False(string.IsNullOrWhiteSpace(reason));

        foreach (var date in new[] { "2026-11-23", "2026-11-24", "2026-11-26" })
        {
            var today = await person.Client.GetTodayAsync(date);
            Assert.True(today.GetProperty("paused").GetBoolean());
            Assert.Equal(reason, today.GetProperty("pausedReason").GetString());
            Assert.Empty(today.GetProperty("due").EnumerateArray());
            Assert.False(today.GetProperty("strengthRestDay").GetBoolean());
        }
    }

    [Fact]
    public async Task NoPlan_NothingDue_NotPaused()
    {
        var person = await app.SignUpAsync();
        var today = await person.Client.GetTodayAsync("2026-11-23");
        Assert.False(today.GetProperty("paused").GetBoolean());
        Assert.Equal(JsonValueKind.Null, today.GetProperty("pausedReason").ValueKind);
        Assert.Empty(today.GetProperty("due").EnumerateArray());
        Assert.False(today.GetProperty("strengthRestDay").GetBoolean());
    }

    [Fact]
    public async Task DueItems_FollowThePlansOrder()
    {
        var (person, plan) = await app.SignUpWithPlanAsync();
        var monday = await person.Client.GetTodayAsync("2026-11-23");
        // Monday has every item (strength Mon/Wed/Fri, stretches daily), in the plan's order.
        Assert.Equal(plan.Items().Select(Id), monday.GetProperty("due").EnumerateArray().Select(Id));
    }

    [Fact]
    public async Task OnlyTheNewestPlan_Counts_EvenIfAnOlderOneWasLeftUnreplaced()
    {
        var (person, first) = await app.SignUpWithPlanAsync();
        var second = await (await person.Client.PostAsync("/api/v1/me/plan", null)).ExpectAsync(HttpStatusCode.Created);
        var firstId = Guid.Parse(first.GetProperty("id").GetString()!);
        var secondId = Guid.Parse(second.GetProperty("id").GetString()!);

        // Break the "one plan not replaced" rule on purpose: the newest version must still win.
        await app.WithDbAsync(db => db.Plans.Where(p => p.Id == firstId).ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, "active")));
        var monday = await person.Client.GetTodayAsync("2026-11-23");
        Assert.Equal(second.Items().Select(Id), monday.GetProperty("due").EnumerateArray().Select(Id));
        Assert.DoesNotContain(monday.GetProperty("due").EnumerateArray().Select(Id), first.Items().Select(Id).Contains);

        // The newest paused, the older active: paused, nothing due.
        await app.WithDbAsync(db => db.Plans.Where(p => p.Id == secondId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, "paused").SetProperty(p => p.PausedReason, "test pause")));
        var paused = await person.Client.GetTodayAsync("2026-11-23");
        Assert.True(paused.GetProperty("paused").GetBoolean());
        Assert.Equal("test pause", paused.GetProperty("pausedReason").GetString());
        Assert.Empty(paused.GetProperty("due").EnumerateArray());
    }

    [Fact]
    public async Task CompletedSessions_AreTheNewest50OfTheDay_InTimeOrder()
    {
        var (person, plan) = await app.SignUpWithPlanAsync();
        var planId = Guid.Parse(plan.GetProperty("id").GetString()!);
        var userId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == person.Email).Select(u => u.Id).SingleAsync());
        var day = new DateTime(2026, 11, 24, 0, 0, 0, DateTimeKind.Utc);
        // 60 sessions that day, a minute apart, stored out of order; one the day before and one the day after.
        var times = Enumerable.Range(0, 60).Select(i => day.AddHours(6).AddMinutes(i)).ToList();
        var sessions = times.Select((t, i) => Session(userId, planId, t, $"day-{i}")).Reverse().ToList();
        sessions.Add(Session(userId, planId, day.AddTicks(-1), "before"));
        sessions.Add(Session(userId, planId, day.AddDays(1), "after"));
        await app.WithDbAsync(async db =>
        {
            db.Sessions.AddRange(sessions);
            return await db.SaveChangesAsync();
        });

        var today = await person.Client.GetTodayAsync("2026-11-24");
        var expected = sessions.Where(s => s.PerformedAt >= day && s.PerformedAt < day.AddDays(1))
            .OrderBy(s => s.PerformedAt).TakeLast(TodayService.MaxCompletedSessions).Select(s => s.Id.ToString());
        Assert.Equal(50, TodayService.MaxCompletedSessions);
        Assert.Equal(expected, today.GetProperty("completedSessionIds").Strings());

        // A day with fewer: all of them, in time order.
        var logged = await (await person.Client.LogSessionAsync(Bodies.Session("2026-11-26T07:00:00Z", Bodies.Done(plan.FirstStrengthItem(), 1, 3))))
            .ExpectAsync(HttpStatusCode.Created);
        var earlier = await (await person.Client.LogSessionAsync(Bodies.Session("2026-11-26T06:00:00Z", Bodies.Done(plan.FirstStrengthItem(), 1, 3))))
            .ExpectAsync(HttpStatusCode.Created);
        Assert.Equal([earlier.GetProperty("id").GetString(), logged.GetProperty("id").GetString()],
            (await person.Client.GetTodayAsync("2026-11-26")).GetProperty("completedSessionIds").Strings());
    }

    [Fact]
    public async Task Json_KeepsItsFieldNames_Order_AndEnumSpellings()
    {
        var (person, _) = await app.SignUpWithPlanAsync();
        var response = await person.Client.GetAsync("/api/v1/me/today?date=2026-11-23");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        var today = JsonDocument.Parse(text).RootElement;

        Assert.Equal(["date", "due", "completedSessionIds", "paused", "pausedReason", "strengthRestDay", "restToday", "restAdvice"], Names(today));
        Assert.StartsWith("{\"date\":\"2026-11-23\",\"due\":[{\"id\":\"", text, StringComparison.Ordinal);
        var item = today.GetProperty("due")[0];
        Assert.Equal(["id", "family", "familyName", "exerciseId", "name", "category", "level", "dose", "days", "why", "pinned", "history", "onHold"], Names(item));
        Assert.Equal(["sets", "reps", "holdSeconds", "restSeconds", "perSide", "band", "daysPerWeek"], Names(item.GetProperty("dose")));
        Assert.Equal(["ruleId", "text"], Names(item.GetProperty("why")[0]));

        var due = today.GetProperty("due").EnumerateArray().ToList();
        Assert.All(due, i => Assert.Contains(i.GetProperty("category").GetString(), new[] { "strengthening", "stretching", "mobility", "balance", "aerobic" }));
        Assert.Contains(due, i => i.GetProperty("category").GetString() == "strengthening");
        Assert.All(due, i => Assert.Contains("monday", i.GetProperty("days").Strings()));
        Assert.All(due, i => Assert.All(i.GetProperty("days").Strings(), d => Assert.Matches("^(mon|tues|wednes|thurs|fri|satur|sun)day$", d)));
        var bands = due.Select(i => i.GetProperty("dose").GetProperty("band")).Where(b => b.ValueKind == JsonValueKind.String).Select(b => b.GetString()!).ToList();
        Assert.All(bands, b => Assert.Matches("^(tan|yellow|red|green|blue|black)$", b));
        Assert.All(due, i => Assert.Empty(i.GetProperty("history").EnumerateArray()));
        Assert.Equal(JsonValueKind.False, today.GetProperty("paused").ValueKind);
        Assert.Equal(JsonValueKind.Null, today.GetProperty("pausedReason").ValueKind);
        Assert.Equal(JsonValueKind.Number, item.GetProperty("level").ValueKind);
    }

    private static SessionRecord Session(string userId, Guid planId, DateTime at, string key) => new()
    {
        Id = Guid.CreateVersion7(),
        UserId = userId,
        PlanId = planId,
        PerformedAt = at,
        CreatedAt = at,
        IdempotencyKey = key,
        RequestHash = key,
        ResponseJson = "{}",
    };

    private static List<string> Names(JsonElement e) => [.. e.EnumerateObject().Select(p => p.Name)];

    private static string Id(JsonElement item) => item.GetProperty("id").GetString()!;
}
