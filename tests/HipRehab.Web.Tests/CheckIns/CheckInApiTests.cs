namespace HipRehab.Web.Tests;

/// <summary>Morning check-ins and the alerts they raise (docs/clinical-rules.md §6: E1, E5).</summary>
public sealed class CheckInApiTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task CheckIn_WithoutWarningSigns_Is201_AndRaisesNothing()
    {
        var (person, _) = await app.SignUpWithPlanAsync();
        var created = await person.Client.CheckInAsync(Bodies.CheckIn("2026-11-26", 3, true));
        var body = await created.ExpectAsync(HttpStatusCode.Created);
        Assert.True(Guid.TryParse(body.GetProperty("id").GetString(), out _));
        Assert.Empty(body.GetProperty("alerts").EnumerateArray());
        Assert.Empty(await person.Client.GetAlertsAsync());
        var stored = Assert.Single((await (await person.Client.GetAsync("/api/v1/me/check-ins")).ExpectAsync(HttpStatusCode.OK)).EnumerateArray());
        Assert.Equal(3, stored.GetProperty("usualPain").GetInt32());
        Assert.Equal("active", (await person.Client.GetPlanAsync()).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("hot-swollen-fever")]
    [InlineData("calf-swelling-chest-breathless")]
    public async Task RedFlag_RaisesAnUrgentE1Alert_AndPausesThePlan(string flag)
    {
        var (person, plan) = await app.SignUpWithPlanAsync();
        var body = await (await person.Client.CheckInAsync(Bodies.CheckIn("2026-11-26", 4, true, flag))).ExpectAsync(HttpStatusCode.Created);
        var alert = Assert.Single(body.GetProperty("alerts").EnumerateArray());
        Assert.Equal("E1", alert.GetProperty("ruleId").GetString());
        Assert.Equal("urgent-care", alert.GetProperty("severity").GetString());
        Assert.Equal("open", alert.GetProperty("status").GetString());
        Assert.False(string.IsNullOrWhiteSpace(alert.GetProperty("message").GetString()));

        var paused = await person.Client.GetPlanAsync();
        Assert.Equal("paused", paused.GetProperty("status").GetString());
        Assert.Equal(plan.GetProperty("id").GetString(), paused.GetProperty("id").GetString());

        var today = await person.Client.GetTodayAsync("2026-11-26");
        Assert.True(today.GetProperty("paused").GetBoolean());
        Assert.Empty(today.GetProperty("due").EnumerateArray());
        Assert.Empty((await person.Client.GetTodayAsync("2026-11-23")).GetProperty("due").EnumerateArray());

        var refused = await person.Client.LogSessionAsync(Bodies.Session("2026-11-26T08:00:00Z", Bodies.Done(plan.FirstStrengthItem(), 0, 2)));
        await refused.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Empty(await person.Client.GetSessionsAsync());

        var listed = Assert.Single(await person.Client.GetAlertsAsync());
        Assert.Equal(alert.GetProperty("id").GetString(), listed.GetProperty("id").GetString());
    }

    [Fact]
    public async Task RedFlag_ThePauseIsNotLiftedByAskingForANewPlanFromTheEarlierIntake()
    {
        var (person, _) = await app.SignUpWithPlanAsync();
        await (await person.Client.CheckInAsync(Bodies.CheckIn("2026-11-26", 4, true, "hot-swollen-fever"))).ExpectAsync(HttpStatusCode.Created);

        // The intake on file predates the warning sign: a plan made from it must not restart
        // exercise while an urgent E1 alert is open (docs/clinical-rules.md §1: "pauses the plan the same way").
        var response = await person.Client.PostAsync("/api/v1/me/plan", null);
        var problem = await response.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Matches("/(screening-blocked|plan-paused)$", problem.GetProperty("type").GetString());
        Assert.Equal("paused", (await person.Client.GetPlanAsync()).GetProperty("status").GetString());
        Assert.True((await person.Client.GetTodayAsync("2026-11-26")).GetProperty("paused").GetBoolean());
    }

    [Fact]
    public async Task LongMorningStiffness_IsAnInfoAlert_AndThePlanStaysActive()
    {
        var (person, plan) = await app.SignUpWithPlanAsync();
        var body = await (await person.Client.CheckInAsync(Bodies.CheckIn("2026-11-26", 3, true, "long-morning-stiffness"))).ExpectAsync(HttpStatusCode.Created);
        var alert = Assert.Single(body.GetProperty("alerts").EnumerateArray());
        Assert.Equal("E1", alert.GetProperty("ruleId").GetString());
        Assert.Equal("info", alert.GetProperty("severity").GetString());
        Assert.Equal("active", (await person.Client.GetPlanAsync()).GetProperty("status").GetString());
        Assert.False((await person.Client.GetTodayAsync("2026-11-26")).GetProperty("paused").GetBoolean());
        await (await person.Client.LogSessionAsync(Bodies.Session("2026-11-26T08:00:00Z", Bodies.Done(plan.FirstStrengthItem(), 0, 2))))
            .ExpectAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task UsualPainOf8_RaisesE5Info_ThenSeeClinicianSoonWhenItPersistsNextDay()
    {
        var (person, _) = await app.SignUpWithPlanAsync();
        var first = await (await person.Client.CheckInAsync(Bodies.CheckIn("2026-11-25", 8, true))).ExpectAsync(HttpStatusCode.Created);
        var e5 = Assert.Single(first.GetProperty("alerts").EnumerateArray());
        Assert.Equal("E5", e5.GetProperty("ruleId").GetString());
        Assert.Equal("info", e5.GetProperty("severity").GetString());

        var second = await (await person.Client.CheckInAsync(Bodies.CheckIn("2026-11-26", 8, true))).ExpectAsync(HttpStatusCode.Created);
        var raised = Assert.Single(second.GetProperty("alerts").EnumerateArray());
        Assert.Equal("E5", raised.GetProperty("ruleId").GetString());
        Assert.Equal("see-clinician-soon", raised.GetProperty("severity").GetString());

        // Still one E5 alert: the first one, now stronger.
        var alert = Assert.Single(await person.Client.GetAlertsAsync());
        Assert.Equal(e5.GetProperty("id").GetString(), alert.GetProperty("id").GetString());
        Assert.Equal("see-clinician-soon", alert.GetProperty("severity").GetString());
        Assert.Equal("open", alert.GetProperty("status").GetString());
    }

    [Fact]
    public async Task UsualPainOf7_RaisesNoE5()
    {
        var (person, _) = await app.SignUpWithPlanAsync();
        var body = await (await person.Client.CheckInAsync(Bodies.CheckIn("2026-11-26", 7, true))).ExpectAsync(HttpStatusCode.Created);
        Assert.Empty(body.GetProperty("alerts").EnumerateArray());
        Assert.Empty(await person.Client.GetAlertsAsync());
    }

    [Fact]
    public async Task Alerts_AreDeduplicated_OneOpenE1ForTwoRedFlagCheckIns()
    {
        var (person, _) = await app.SignUpWithPlanAsync();
        await (await person.Client.CheckInAsync(Bodies.CheckIn("2026-11-25", 4, true, "hot-swollen-fever"))).ExpectAsync(HttpStatusCode.Created);
        await (await person.Client.CheckInAsync(Bodies.CheckIn("2026-11-26", 4, true, "sudden-severe-pain"))).ExpectAsync(HttpStatusCode.Created);
        var alerts = await person.Client.GetAlertsAsync();
        var e1 = Assert.Single(alerts, a => a.GetProperty("ruleId").GetString() == "E1");
        Assert.Equal("urgent-care", e1.GetProperty("severity").GetString());
        Assert.Equal("open", e1.GetProperty("status").GetString());
        Assert.Equal(2, (await (await person.Client.GetAsync("/api/v1/me/check-ins")).ExpectAsync(HttpStatusCode.OK)).GetArrayLength());
    }

    [Fact]
    public async Task Acknowledge_MarksTheAlertAcknowledged_AndKeepsItOnRecord()
    {
        var (person, _) = await app.SignUpWithPlanAsync();
        var body = await (await person.Client.CheckInAsync(Bodies.CheckIn("2026-11-26", 3, true, "hot-swollen-fever"))).ExpectAsync(HttpStatusCode.Created);
        var id = body.GetProperty("alerts")[0].GetProperty("id").GetString();

        var acknowledged = await (await person.Client.PostAsync($"/api/v1/me/alerts/{id}/acknowledge", null)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("acknowledged", acknowledged.GetProperty("status").GetString());
        var listed = Assert.Single(await person.Client.GetAlertsAsync());
        Assert.Equal(id, listed.GetProperty("id").GetString());
        Assert.Equal("acknowledged", listed.GetProperty("status").GetString());
        Assert.Equal("urgent-care", listed.GetProperty("severity").GetString());

        // Acknowledging twice is harmless.
        var again = await (await person.Client.PostAsync($"/api/v1/me/alerts/{id}/acknowledge", null)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("acknowledged", again.GetProperty("status").GetString());
        // Acknowledging does not un-pause the plan: a clinician or a new plan does.
        Assert.Equal("paused", (await person.Client.GetPlanAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task AlertRuleIds_AreInTheRuleCatalogue()
    {
        var (person, _) = await app.SignUpWithPlanAsync();
        await (await person.Client.CheckInAsync(Bodies.CheckIn("2026-11-25", 9, false, "spreading-weakness-numbness"))).ExpectAsync(HttpStatusCode.Created);
        var catalogue = (await (await app.CreateClient().GetAsync("/api/v1/rules")).JsonAsync()).EnumerateArray()
            .Select(r => r.GetProperty("id").GetString()).ToHashSet();
        var alerts = await person.Client.GetAlertsAsync();
        Assert.Equal(["E1", "E5"], alerts.Select(a => a.GetProperty("ruleId").GetString()).Order());
        Assert.All(alerts, a => Assert.Contains(a.GetProperty("ruleId").GetString(), catalogue));
        Assert.All(alerts, a => Assert.Contains(a.GetProperty("severity").GetString(), new[] { "urgent-care", "see-clinician-soon", "see-clinician", "info" }));
    }
}
