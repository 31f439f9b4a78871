namespace HipRehab.Web.Tests;

/// <summary>Intake, screening and the plan over HTTP (docs/api.md "Intake and screening", "Plan", "Today").</summary>
public sealed class PlanApiTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task PutIntake_Is200_WithItsScreening()
    {
        var person = await app.SignUpAsync();
        var body = await (await person.Client.PutIntakeAsync(Intakes.Typical())).ExpectAsync(HttpStatusCode.OK);
        var screening = body.GetProperty("screening");
        Assert.Equal("clear", screening.GetProperty("outcome").GetString());
        Assert.Empty(screening.GetProperty("findings").EnumerateArray());

        var stored = await (await person.Client.GetAsync("/api/v1/me/intake")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(body.GetProperty("id").GetString(), stored.GetProperty("id").GetString());
    }

    [Fact]
    public async Task PutIntake_OutOfRange_Is400NamingTheField_AndStoresNothing()
    {
        var person = await app.SignUpAsync();
        await (await person.Client.PutIntakeAsync(Intakes.With("painNow", 11))).ValidationProblemAsync("painNow");
        await (await person.Client.GetAsync("/api/v1/me/intake")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PostPlan_WithoutAnIntake_Is400()
    {
        var person = await app.SignUpAsync();
        await (await person.Client.PostAsync("/api/v1/me/plan", null)).ProblemAsync(HttpStatusCode.BadRequest);
        await (await person.Client.GetAsync("/api/v1/me/plan")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task GetPlan_BeforeAnyPlan_Is404()
    {
        var person = await app.SignUpAsync();
        await (await person.Client.PutIntakeAsync(Intakes.Typical())).ExpectAsync(HttpStatusCode.OK);
        await (await person.Client.GetAsync("/api/v1/me/plan")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("hot-swollen-fever", "RF2", "urgent-care")]
    [InlineData("fall-cannot-bear-weight", "RF1", "urgent-care")]
    [InlineData("replacement-clunk-dislocation", "RF11", "urgent-care")]
    [InlineData("cancer-night-weight-loss", "RF7", "see-clinician-soon")]
    public async Task PostPlan_AfterARedFlag_Is409ScreeningBlocked_NamingTheRule(string flag, string ruleId, string outcome)
    {
        var person = await app.SignUpAsync();
        var intake = await (await person.Client.PutIntakeAsync(Intakes.With("redFlags", new[] { flag }))).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(outcome, intake.GetProperty("screening").GetProperty("outcome").GetString());

        var problem = await (await person.Client.PostAsync("/api/v1/me/plan", null)).ProblemAsync(HttpStatusCode.Conflict);
        Assert.EndsWith("/screening-blocked", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Contains(ruleId, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await (await person.Client.GetAsync("/api/v1/me/plan")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PostPlan_WhenPregnant_Is409_UntilAClinicianClearsIt()
    {
        var person = await app.SignUpAsync();
        var intake = await (await person.Client.PutIntakeAsync(Intakes.With("pregnant", true))).ExpectAsync(HttpStatusCode.OK);
        var screening = intake.GetProperty("screening");
        Assert.Equal("see-clinician-soon", screening.GetProperty("outcome").GetString());
        var ruleId = screening.GetProperty("findings").EnumerateArray().First().GetProperty("ruleId").GetString()!;

        var problem = await (await person.Client.PostAsync("/api/v1/me/plan", null)).ProblemAsync(HttpStatusCode.Conflict);
        Assert.EndsWith("/screening-blocked", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Contains(ruleId, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostPlan_WithAdviceOnly_Is201_AndThePlanCarriesTheAdvice()
    {
        var person = await app.SignUpAsync();
        var plan = await person.Client.CreatePlanAsync(Intakes.With("redFlags", new[] { "long-morning-stiffness" }));
        Assert.Equal("active", plan.GetProperty("status").GetString());
        Assert.Contains("RF10", plan.GetProperty("advice").EnumerateArray().Select(a => a.GetProperty("ruleId").GetString()));
    }

    [Fact]
    public async Task PostPlan_Is201_WithSixToTenExplainedItems_AndGetReturnsIt()
    {
        var person = await app.SignUpAsync();
        await (await person.Client.PutIntakeAsync(Intakes.Typical())).ExpectAsync(HttpStatusCode.OK);
        var created = await person.Client.PostAsync("/api/v1/me/plan", null);
        var plan = await created.ExpectAsync(HttpStatusCode.Created);
        Assert.NotNull(created.Headers.Location);

        Assert.Equal("active", plan.GetProperty("status").GetString());
        Assert.Equal(1, plan.GetProperty("version").GetInt32());
        var items = plan.Items().ToList();
        Assert.InRange(items.Count, 6, 10);
        Assert.All(items, i =>
        {
            Assert.NotEmpty(i.GetProperty("why").EnumerateArray());
            Assert.All(i.GetProperty("why").EnumerateArray(), w => Assert.False(string.IsNullOrWhiteSpace(w.GetProperty("ruleId").GetString())));
            Assert.True(i.GetProperty("dose").GetProperty("sets").GetInt32() >= 1);
            Assert.Empty(i.GetProperty("history").EnumerateArray());
        });
        Assert.Equal(items.Count, items.Select(i => i.GetProperty("family").GetString()).Distinct().Count());

        var read = await person.Client.GetPlanAsync();
        Assert.Equal(plan.GetProperty("id").GetString(), read.GetProperty("id").GetString());
        Assert.Equal(items.Select(i => i.GetProperty("id").GetString()), read.Items().Select(i => i.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Plan_LeavesFamiliesOut_WithTheirRuleIds()
    {
        var person = await app.SignUpAsync();
        var intake = Intakes.With("surgery", new { kind = "total-hip-replacement", approach = "lateral", date = "2026-11-20" });
        intake["equipment"] = Array.Empty<string>();
        var plan = await person.Client.CreatePlanAsync(intake);

        var excluded = plan.GetProperty("excluded").EnumerateArray().ToList();
        Assert.NotEmpty(excluded);
        Assert.All(excluded, e =>
        {
            Assert.NotEmpty(e.GetProperty("ruleIds").EnumerateArray());
            Assert.False(string.IsNullOrWhiteSpace(e.GetProperty("reason").GetString()));
        });
        var planned = plan.Items().Select(i => i.GetProperty("family").GetString()).ToList();
        Assert.Empty(planned.Intersect(excluded.Select(e => e.GetProperty("family").GetString())));

        var rules = (await (await app.CreateClient().GetAsync("/api/v1/rules")).JsonAsync()).EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToHashSet();
        Assert.All(excluded.SelectMany(e => e.GetProperty("ruleIds").Strings()), id => Assert.Contains(id, rules));
    }

    [Fact]
    public async Task PostPlan_Again_MakesVersion2_AndGetShowsIt()
    {
        var (person, first) = await app.SignUpWithPlanAsync();
        var second = await (await person.Client.PostAsync("/api/v1/me/plan", null)).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(2, second.GetProperty("version").GetInt32());
        Assert.NotEqual(first.GetProperty("id").GetString(), second.GetProperty("id").GetString());
        Assert.Equal(second.GetProperty("id").GetString(), (await person.Client.GetPlanAsync()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Today_FollowsTheSchedule_StrengthMonWedFri_StretchesDaily()
    {
        var (person, plan) = await app.SignUpWithPlanAsync();
        var strength = plan.Items().Where(i => i.GetProperty("category").GetString() == "strengthening").Select(Id).ToHashSet();
        var stretches = plan.Items().Where(i => i.GetProperty("category").GetString() == "stretching").Select(Id).ToHashSet();
        Assert.NotEmpty(strength);
        Assert.NotEmpty(stretches);

        var monday = await person.Client.GetTodayAsync("2026-11-23");
        Assert.Equal("2026-11-23", monday.GetProperty("date").GetString());
        Assert.Equal(strength.Union(stretches).Order(), monday.GetProperty("due").EnumerateArray().Select(Id).Order());

        var tuesday = await person.Client.GetTodayAsync("2026-11-24");
        Assert.Equal(stretches.Order(), tuesday.GetProperty("due").EnumerateArray().Select(Id).Order());

        var wednesday = await person.Client.GetTodayAsync("2026-11-25");
        Assert.Equal(strength.Union(stretches).Order(), wednesday.GetProperty("due").EnumerateArray().Select(Id).Order());

        // Without a date: today (Thursday 2026-11-26 on the test clock), a strength rest day.
        var today = await (await person.Client.GetAsync("/api/v1/me/today")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("2026-11-26", today.GetProperty("date").GetString());
        Assert.Equal(stretches.Order(), today.GetProperty("due").EnumerateArray().Select(Id).Order());
        Assert.Empty(today.GetProperty("completedSessionIds").EnumerateArray());
    }

    [Fact]
    public async Task Today_ListsTheSessionsLoggedThatDay()
    {
        var (person, plan) = await app.SignUpWithPlanAsync();
        var logged = await (await person.Client.LogSessionAsync(Bodies.Session("2026-11-24T08:00:00Z", Bodies.Done(plan.FirstStrengthItem(), 1, 3))))
            .ExpectAsync(HttpStatusCode.Created);
        var tuesday = await person.Client.GetTodayAsync("2026-11-24");
        Assert.Equal([logged.GetProperty("id").GetString()], tuesday.GetProperty("completedSessionIds").Strings());
        Assert.Empty((await person.Client.GetTodayAsync("2026-11-25")).GetProperty("completedSessionIds").EnumerateArray());
    }

    [Theory]
    [InlineData("2026-13-01")]
    [InlineData("tomorrow")]
    [InlineData("26-11-2026")]
    [InlineData("2026-11-26T08:00:00Z")]
    public async Task Today_WithABadDate_Is400NamingDate(string date)
    {
        var (person, _) = await app.SignUpWithPlanAsync();
        await (await person.Client.GetAsync($"/api/v1/me/today?date={Uri.EscapeDataString(date)}")).ValidationProblemAsync("date");
    }

    private static string Id(JsonElement item) => item.GetProperty("id").GetString()!;
}
