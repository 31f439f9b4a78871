namespace HipRehab.Web.Tests;

/// <summary>A person can never read or write another person's data (docs/api.md, Authorization).</summary>
public sealed class IsolationTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task LoggingAgainstSomeoneElsesPlanItem_Is400_AndWritesNothing()
    {
        var (a, planA) = await app.SignUpWithPlanAsync("a");
        var (b, _) = await app.SignUpWithPlanAsync("b");
        var itemA = planA.FirstStrengthItem();
        await (await a.Client.LogSessionAsync(Bodies.Session("2026-11-24T08:00:00Z", Bodies.Done(itemA, 0, 2)))).ExpectAsync(HttpStatusCode.Created);
        var sessionsA = await a.Client.GetSessionsAsync();
        var planABefore = await a.Client.GetPlanAsync();

        // A second pain-free easy session would have stepped A's item up, had it been accepted.
        var response = await b.Client.LogSessionAsync(Bodies.Session("2026-11-25T08:00:00Z", Bodies.Done(itemA, 0, 2)));
        var problem = await response.ValidationProblemAsync("exercises[0].planItemId");
        Assert.DoesNotContain(itemA.GetProperty("dose").ToString(), problem.ToString(), StringComparison.Ordinal);

        Assert.Empty(await b.Client.GetSessionsAsync());
        Assert.Equal(sessionsA.Select(s => s.ToString()), (await a.Client.GetSessionsAsync()).Select(s => s.ToString()));
        Assert.Equal(planABefore.ToString(), (await a.Client.GetPlanAsync()).ToString());
    }

    [Fact]
    public async Task LoggingAgainstSomeoneElsesItem_WithoutAPlanOfOnesOwn_Is400_AndWritesNothing()
    {
        var (a, planA) = await app.SignUpWithPlanAsync("a");
        var b = await app.SignUpAsync("b");
        var response = await b.Client.LogSessionAsync(Bodies.Session("2026-11-25T08:00:00Z", Bodies.Done(planA.FirstStrengthItem(), 0, 2)));
        await response.ValidationProblemAsync("exercises[0].planItemId");
        Assert.Empty(await b.Client.GetSessionsAsync());
        Assert.Empty(await a.Client.GetSessionsAsync());
        Assert.Equal(planA.ToString(), (await a.Client.GetPlanAsync()).ToString());
    }

    [Fact]
    public async Task MixingOwnAndSomeoneElsesItems_IsRefusedWhole()
    {
        var (a, planA) = await app.SignUpWithPlanAsync("a");
        var (b, planB) = await app.SignUpWithPlanAsync("b");
        var response = await b.Client.LogSessionAsync(Bodies.Session("2026-11-25T08:00:00Z",
            Bodies.Done(planB.FirstStrengthItem(), 0, 2), Bodies.Done(planA.FirstStrengthItem(), 0, 2)));
        await response.ValidationProblemAsync("exercises[1].planItemId");
        Assert.Empty(await b.Client.GetSessionsAsync());
        Assert.Empty(await a.Client.GetSessionsAsync());
        Assert.Equal(planB.ToString(), (await b.Client.GetPlanAsync()).ToString());
    }

    [Fact]
    public async Task AcknowledgingSomeoneElsesAlert_Is404_AndTheAlertStaysOpen()
    {
        var (a, _) = await app.SignUpWithPlanAsync("a");
        var b = await app.SignUpAsync("b");
        var raised = await (await a.Client.CheckInAsync(Bodies.CheckIn("2026-11-26", 3, true, "hot-swollen-fever"))).ExpectAsync(HttpStatusCode.Created);
        var alertId = raised.GetProperty("alerts")[0].GetProperty("id").GetString();

        await (await b.Client.PostAsync($"/api/v1/me/alerts/{alertId}/acknowledge", null)).ProblemAsync(HttpStatusCode.NotFound);
        // The same answer as for an alert that does not exist, so existence is not revealed.
        await (await b.Client.PostAsync($"/api/v1/me/alerts/{Guid.NewGuid()}/acknowledge", null)).ProblemAsync(HttpStatusCode.NotFound);

        var alert = Assert.Single(await a.Client.GetAlertsAsync());
        Assert.Equal(alertId, alert.GetProperty("id").GetString());
        Assert.Equal("open", alert.GetProperty("status").GetString());
        Assert.Empty(await b.Client.GetAlertsAsync());
    }

    [Fact]
    public async Task Reads_NeverShowSomeoneElsesData()
    {
        var (a, planA) = await app.SignUpWithPlanAsync("a");
        await (await a.Client.LogSessionAsync(Bodies.Session("2026-11-23T08:00:00Z", Bodies.Done(planA.FirstStrengthItem(), 9, 2)))).ExpectAsync(HttpStatusCode.Created);
        await (await a.Client.CheckInAsync(Bodies.CheckIn("2026-11-26", 9, false, "sudden-severe-pain"))).ExpectAsync(HttpStatusCode.Created);
        Assert.NotEmpty(await a.Client.GetAlertsAsync());

        // B has no intake or plan yet: nothing of A's leaks into the empty answers.
        var b = await app.SignUpAsync("b");
        await (await b.Client.GetAsync("/api/v1/me/plan")).ProblemAsync(HttpStatusCode.NotFound);
        await (await b.Client.GetAsync("/api/v1/me/intake")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty(await b.Client.GetSessionsAsync());
        Assert.Empty(await b.Client.GetAlertsAsync());
        Assert.Empty((await (await b.Client.GetAsync("/api/v1/me/check-ins")).ExpectAsync(HttpStatusCode.OK)).EnumerateArray());
        var todayB = await b.Client.GetTodayAsync("2026-11-23");
        Assert.Empty(todayB.GetProperty("due").EnumerateArray());
        Assert.Empty(todayB.GetProperty("completedSessionIds").EnumerateArray());

        // With a plan of their own, B sees only their own ids.
        var planB = await b.Client.CreatePlanAsync(Intakes.Typical());
        var idsA = planA.Items().Select(i => i.GetProperty("id").GetString()).Append(planA.GetProperty("id").GetString()).ToHashSet();
        Assert.DoesNotContain(planB.GetProperty("id").GetString(), idsA);
        Assert.Empty(planB.Items().Select(i => i.GetProperty("id").GetString()).Intersect(idsA));
        var readB = await b.Client.GetPlanAsync();
        Assert.Equal("active", readB.GetProperty("status").GetString());
        Assert.Empty(readB.Items().Select(i => i.GetProperty("id").GetString()).Intersect(idsA));
        Assert.All(readB.Items(), i => Assert.Empty(i.GetProperty("history").EnumerateArray()));
        var dueB = (await b.Client.GetTodayAsync("2026-11-23")).GetProperty("due").EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToList();
        Assert.NotEmpty(dueB);
        Assert.Empty(dueB.Intersect(idsA));
        Assert.Empty(await b.Client.GetSessionsAsync());
        Assert.Empty(await b.Client.GetAlertsAsync());
    }
}
