namespace HipRehab.Web.Tests;

/// <summary>
/// Logged sessions drive the plan (docs/clinical-rules.md §4, PM4–PM6): two pain-free, easy, complete
/// sessions step up one change; pain above 5 stops and steps back; pain 3–5 never steps up; every
/// decision names its rules and explains itself, and the plan keeps the history.
/// </summary>
public sealed class ProgressionApiTests(TestApp app) : IClassFixture<TestApp>
{
    private const string Tuesday = "2026-11-24T08:00:00Z";
    private const string Wednesday = "2026-11-25T08:00:00Z";

    [Fact]
    public async Task Progress_AfterTwoPainFreeEasySessions_OnTwoDays_GivesAStrictlyHarderDose()
    {
        var (person, plan) = await app.SignUpWithPlanAsync();
        var ladder = await Ladder.LoadAsync(person.Client);
        var item = plan.FirstStrengthItem();
        var id = item.GetProperty("id").GetString()!;

        var first = await LogAsync(person, Tuesday, Bodies.Done(item, painDuring: 0, effort: 3));
        Assert.NotEqual("progress", Decision(first, id).GetProperty("action").GetString());

        var second = await LogAsync(person, Wednesday, Bodies.Done(item, painDuring: 2, effort: 4));
        var decision = Decision(second, id);
        Assert.Equal("progress", decision.GetProperty("action").GetString());
        Assert.Equal(1, ladder.Compare(decision.GetProperty("previous"), decision.GetProperty("next")));
        Assert.Equal(item.GetProperty("exerciseId").GetString(), decision.GetProperty("previous").GetProperty("exerciseId").GetString());
        Assert.Equal(item.GetProperty("dose").ToString(), decision.GetProperty("previous").GetProperty("dose").ToString());
        var rules = decision.GetProperty("ruleIds").Strings().ToList();
        Assert.Contains("PM4", rules);
        Assert.Contains("PM5", rules);
        Assert.False(string.IsNullOrWhiteSpace(decision.GetProperty("explanation").GetString()));

        // The plan takes the next dose and keeps the decision as the item's history.
        var after = (await person.Client.GetPlanAsync()).Item(id);
        Assert.Equal(decision.GetProperty("next").GetProperty("exerciseId").GetString(), after.GetProperty("exerciseId").GetString());
        Assert.Equal(decision.GetProperty("next").GetProperty("dose").ToString(), after.GetProperty("dose").ToString());
        var history = after.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(2, history.Count);
        var newest = history[0];
        Assert.Equal("progress", newest.GetProperty("action").GetString());
        Assert.Equal(second.GetProperty("id").GetString(), newest.GetProperty("sessionId").GetString());
        Assert.Equal(rules, newest.GetProperty("ruleIds").Strings());
        Assert.Equal(decision.GetProperty("explanation").GetString(), newest.GetProperty("explanation").GetString());
        Assert.Equal(decision.GetProperty("next").ToString(), newest.GetProperty("next").ToString());
        Assert.False(string.IsNullOrEmpty(newest.GetProperty("createdAt").GetString()));

        // The other items were not in the session and did not move.
        foreach (var other in plan.Items().Where(i => i.GetProperty("id").GetString() != id))
        {
            var now = (await person.Client.GetPlanAsync()).Item(other.GetProperty("id").GetString()!);
            Assert.Equal(other.GetProperty("dose").ToString(), now.GetProperty("dose").ToString());
        }
    }

    [Fact]
    public async Task Progress_ThenPainAboveFive_Stops_AndStepsBackOneStep()
    {
        var (person, plan) = await app.SignUpWithPlanAsync();
        var ladder = await Ladder.LoadAsync(person.Client);
        var item = plan.FirstStrengthItem();
        var id = item.GetProperty("id").GetString()!;
        await LogAsync(person, "2026-11-23T08:00:00Z", Bodies.Done(item, 0, 3));
        var up = Decision(await LogAsync(person, Tuesday, Bodies.Done(item, 0, 3)), id);
        Assert.Equal("progress", up.GetProperty("action").GetString());

        var harder = (await person.Client.GetPlanAsync()).Item(id);
        var down = Decision(await LogAsync(person, Wednesday, Bodies.Done(harder, painDuring: 6, effort: 5)), id);
        Assert.Contains(down.GetProperty("action").GetString(), new[] { "stop", "regress" });
        Assert.Equal(-1, ladder.Compare(down.GetProperty("previous"), down.GetProperty("next")));
        // One step back is exactly where it was before the step up.
        Assert.Equal(item.GetProperty("dose").ToString(), down.GetProperty("next").GetProperty("dose").ToString());
        Assert.Contains("PM4", down.GetProperty("ruleIds").Strings());
        Assert.False(string.IsNullOrWhiteSpace(down.GetProperty("explanation").GetString()));

        var after = (await person.Client.GetPlanAsync()).Item(id);
        Assert.Equal(item.GetProperty("dose").ToString(), after.GetProperty("dose").ToString());
        Assert.Equal(item.GetProperty("exerciseId").GetString(), after.GetProperty("exerciseId").GetString());
    }

    [Theory]
    [InlineData(6)]
    [InlineData(8)]
    [InlineData(10)]
    public async Task PainAboveFive_StopsEveryItem_AndNeverGivesAHarderDose(int pain)
    {
        var (person, plan) = await app.SignUpWithPlanAsync();
        var ladder = await Ladder.LoadAsync(person.Client);
        var items = plan.Items().ToList();
        // First a pain-free easy session, so that a second good one would have stepped up.
        await LogAsync(person, Tuesday, [.. items.Select(i => Bodies.Done(i, 0, 2))]);
        var response = await LogAsync(person, Wednesday, [.. items.Select(i => Bodies.Done(i, pain, 2))]);

        var after = await person.Client.GetPlanAsync();
        foreach (var item in items)
        {
            var decision = Decision(response, item.GetProperty("id").GetString()!);
            Assert.Contains(decision.GetProperty("action").GetString(), new[] { "stop", "regress" });
            var change = ladder.Compare(decision.GetProperty("previous"), decision.GetProperty("next"));
            Assert.True(change <= 0, $"{decision}");
            var now = after.Item(item.GetProperty("id").GetString()!);
            Assert.Equal(decision.GetProperty("next").GetProperty("exerciseId").GetString(), now.GetProperty("exerciseId").GetString());
            Assert.Equal(decision.GetProperty("next").GetProperty("dose").ToString(), now.GetProperty("dose").ToString());
            if (change == 0)
            {
                // Unchanged only at the bottom of its ladder: the easiest variant at its starting dose.
                Assert.Equal(1, ladder.LevelOf(now.GetProperty("exerciseId").GetString()!));
            }
        }

        // Pain of 8 or more also raises E5 (docs/clinical-rules.md §6).
        Assert.Equal(pain >= 8, (await person.Client.GetAlertsAsync()).Any(a => a.GetProperty("ruleId").GetString() == "E5"));
    }

    [Theory]
    [InlineData(3, 3)]
    [InlineData(4, 5)]
    [InlineData(5, 5)]
    [InlineData(0, 3)]
    [InlineData(3, 0)]
    public async Task PainThreeToFive_NeverProgresses(int firstPain, int secondPain)
    {
        var (person, plan) = await app.SignUpWithPlanAsync();
        var items = plan.Items().ToList();
        await LogAsync(person, Tuesday, [.. items.Select(i => Bodies.Done(i, firstPain, 2))]);
        var response = await LogAsync(person, Wednesday, [.. items.Select(i => Bodies.Done(i, secondPain, 2))]);

        var after = await person.Client.GetPlanAsync();
        foreach (var item in items)
        {
            var decision = Decision(response, item.GetProperty("id").GetString()!);
            Assert.Equal("hold", decision.GetProperty("action").GetString());
            Assert.Equal(decision.GetProperty("previous").ToString(), decision.GetProperty("next").ToString());
            Assert.Equal(item.GetProperty("dose").ToString(), after.Item(item.GetProperty("id").GetString()!).GetProperty("dose").ToString());
        }
    }

    [Fact]
    public async Task HighEffort_OrAnIncompleteDose_Holds()
    {
        var (person, plan) = await app.SignUpWithPlanAsync();
        var item = plan.FirstStrengthItem();
        var id = item.GetProperty("id").GetString()!;
        var hard = Bodies.Done(item, 0, effort: 7);
        await LogAsync(person, Tuesday, hard);
        Assert.Equal("hold", Decision(await LogAsync(person, Wednesday, hard), id).GetProperty("action").GetString());

        var (other, otherPlan) = await app.SignUpWithPlanAsync();
        var otherItem = otherPlan.FirstStrengthItem();
        var partial = Bodies.Done(otherItem, 0, 2);
        partial["completedReps"] = otherItem.GetProperty("dose").GetProperty("reps").GetInt32() - 3;
        await LogAsync(other, Tuesday, partial);
        Assert.Equal("hold", Decision(await LogAsync(other, Wednesday, partial), otherItem.GetProperty("id").GetString()!).GetProperty("action").GetString());
    }

    [Fact]
    public async Task PainNotSettledNextMorning_BlocksProgress_PM2()
    {
        var (person, plan) = await app.SignUpWithPlanAsync();
        var item = plan.FirstStrengthItem();
        await LogAsync(person, Tuesday, Bodies.Done(item, 0, 2));
        await (await person.Client.CheckInAsync(Bodies.CheckIn("2026-11-25", usualPain: 3, settled: false))).ExpectAsync(HttpStatusCode.Created);
        var decision = Decision(await LogAsync(person, Wednesday, Bodies.Done(item, 0, 2)), item.GetProperty("id").GetString()!);
        Assert.Equal("hold", decision.GetProperty("action").GetString());
        Assert.Contains("PM2", decision.GetProperty("ruleIds").Strings());
    }

    [Fact]
    public async Task EveryDecision_CarriesCataloguedRuleIds_AndAnExplanation()
    {
        var (person, plan) = await app.SignUpWithPlanAsync();
        var catalogue = (await (await app.CreateClient().GetAsync("/api/v1/rules")).JsonAsync()).EnumerateArray()
            .Select(r => r.GetProperty("id").GetString()).ToHashSet();
        var items = plan.Items().ToList();
        var pains = new[] { 0, 1, 2, 3, 4, 5, 6, 7, 9, 10 };
        var decisions = new List<JsonElement>();
        string[] days = ["2026-11-21T07:00:00Z", "2026-11-22T07:00:00Z", "2026-11-23T07:00:00Z", "2026-11-24T07:00:00Z", "2026-11-25T07:00:00Z"];
        for (var d = 0; d < days.Length; d++)
        {
            var response = await LogAsync(person, days[d], [.. items.Select((i, n) => Bodies.Done(i, pains[(n + d) % pains.Length], (n + d) % 8))]);
            decisions.AddRange(response.GetProperty("decisions").EnumerateArray());
            // The next session logs against the plan as it now stands.
            items = (await person.Client.GetPlanAsync()).Items().ToList();
        }

        Assert.Equal(days.Length * items.Count, decisions.Count);
        Assert.Contains(decisions, d => d.GetProperty("action").GetString() == "stop");
        Assert.Contains(decisions, d => d.GetProperty("action").GetString() == "hold");
        Assert.All(decisions, d =>
        {
            var ids = d.GetProperty("ruleIds").Strings().ToList();
            Assert.NotEmpty(ids);
            Assert.All(ids, id => Assert.Contains(id, catalogue));
            Assert.False(string.IsNullOrWhiteSpace(d.GetProperty("explanation").GetString()));
            Assert.Contains(d.GetProperty("action").GetString(), new[] { "progress", "hold", "regress", "stop" });
        });

        var history = await person.Client.GetSessionsAsync();
        Assert.Equal(days.Length, history.Count);
        Assert.Equal(days.Reverse().Select(DateTimeOffset.Parse), history.Select(s => DateTimeOffset.Parse(s.GetProperty("performedAt").GetString()!)));
        Assert.All(history, s =>
        {
            Assert.Equal(items.Count, s.GetProperty("exercises").GetArrayLength());
            Assert.Equal(items.Count, s.GetProperty("decisions").GetArrayLength());
        });
    }

    /// <summary>
    /// Logs a session a minute after the previous one on the test clock, as in life: decisions are
    /// stamped with the server's time, and the item's history lists them newest first.
    /// </summary>
    private async Task<JsonElement> LogAsync(Person person, string performedAt, params object[] exercises)
    {
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        return await (await person.Client.LogSessionAsync(Bodies.Session(performedAt, exercises))).ExpectAsync(HttpStatusCode.Created);
    }

    private static JsonElement Decision(JsonElement sessionResponse, string planItemId) =>
        sessionResponse.GetProperty("decisions").EnumerateArray().Single(d => d.GetProperty("planItemId").GetString() == planItemId);
}
