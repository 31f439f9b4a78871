using System.Globalization;
using System.Net.Http.Headers;

namespace HipRehab.Web.Tests;

/// <summary>
/// Escalation E1–E6 (docs/clinical-rules.md §6) over HTTP, run after every record: check-ins and sessions
/// raise alerts through the one escalation service, one open alert per rule per person, and the
/// clinic's dashboard and resolve route see them. Tests that move the clock through weeks use an
/// app of their own (tokens age with the clock, so the person refreshes them each day); the pain
/// series are fixed or generated from a fixed seed, so every count is exact.
/// </summary>
public sealed class EscalationApiTests(TestApp app) : IClassFixture<TestApp>
{
    private static readonly DateOnly s_day0 = DateOnly.FromDateTime(TestApp.Now.UtcDateTime);

    // ---- E2: worsening pain -------------------------------------------------------------------

    [Theory]
    [InlineData(6, 0)]
    [InlineData(7, 1)]
    [InlineData(14, 1)]
    public async Task E2_FiresOnce_OnlyWhenTheSevenDayAverageStaysTwoPointsAboveBaselineForSevenDays(int highDays, int expectedE2)
    {
        // Baseline 3 for 7 days, then `highDays` days of 7, then back to 3. The 7-day average is at
        // least 5 (baseline + 2) on exactly `highDays` days in a row: 6 is one day short of E2.
        await using var own = new TestApp();
        var day = await Traveller.StartAsync(own);
        var series = Enumerable.Repeat(3, 7).Concat(Enumerable.Repeat(7, highDays)).Concat(Enumerable.Repeat(3, 10)).ToList();
        var firstSeen = -1;
        for (var i = 0; i < series.Count; i++)
        {
            await day.CheckInAsync(series[i]);
            if (firstSeen < 0 && (await day.AlertsAsync()).Any(a => Rule(a) == "E2"))
            {
                firstSeen = i;
            }

            await day.NextDayAsync();
        }

        var alerts = await day.AlertsAsync();
        Assert.Equal(expectedE2, alerts.Count(a => Rule(a) == "E2"));
        if (expectedE2 == 1)
        {
            // The average first reaches baseline + 2 on day 10 (four 7s in the window); 7 days of it end on day 16.
            Assert.Equal(16, firstSeen);
            var e2 = alerts.Single(a => Rule(a) == "E2");
            Assert.Equal("see-clinician-soon", e2.GetProperty("severity").GetString());
            Assert.Contains("physical therapist or doctor", e2.GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        AssertOneOpenPerRule(alerts);
    }

    [Fact]
    public async Task E2_FiresOnce_ForAGeneratedSeriesThatRisesByAboutThreePoints_AndNotBeforeAWeekOfIt()
    {
        // Baseline around 3 (2–4), then around 6 (5–7) with day-to-day noise from a fixed seed.
        await using var own = new TestApp();
        var day = await Traveller.StartAsync(own);
        var random = new Random(20261126);
        var series = Enumerable.Range(0, 7).Select(_ => random.Next(2, 5))
            .Concat(Enumerable.Range(0, 21).Select(_ => random.Next(5, 8))).ToList();
        var e2Days = new List<int>();
        for (var i = 0; i < series.Count; i++)
        {
            await day.CheckInAsync(series[i]);
            e2Days.Add((await day.AlertsAsync()).Count(a => Rule(a) == "E2"));
            await day.NextDayAsync();
        }

        // Never in the baseline week nor in the first 7 days of the rise; there by the end, once.
        Assert.All(e2Days.Take(14), n => Assert.Equal(0, n));
        Assert.Equal(1, e2Days[^1]);
        Assert.All(e2Days, n => Assert.InRange(n, 0, 1));
        AssertOneOpenPerRule(await day.AlertsAsync());
    }

    [Fact]
    public async Task E2_DoesNotFire_OnARiseOfOneAndAHalfPoints()
    {
        // Baseline 3; then 4 and 5 in turn for three weeks: an average of 4.5, inside the threshold.
        await using var own = new TestApp();
        var day = await Traveller.StartAsync(own);
        var series = Enumerable.Repeat(3, 7).Concat(Enumerable.Range(0, 22).Select(i => i % 2 == 0 ? 5 : 4)).ToList();
        foreach (var pain in series)
        {
            await day.CheckInAsync(pain);
            await day.NextDayAsync();
        }

        await day.CheckInAsync(4);
        Assert.DoesNotContain(await day.AlertsAsync(), a => Rule(a) == "E2");
    }

    // ---- E5: a single rating of 8 or more ------------------------------------------------------

    [Fact]
    public async Task E5_ARatingOf8InASession_SaysStopToday_ThenGetsStrongerWhenItPersistsAtTheNextCheckIn_StillOneAlert()
    {
        var (person, plan) = await app.SignUpWithPlanAsync();
        await (await person.Client.LogSessionAsync(Bodies.Session("2026-11-25T08:00:00Z", Bodies.Done(plan.FirstStrengthItem(), painDuring: 8, effort: 5))))
            .ExpectAsync(HttpStatusCode.Created);

        // A rating of 8 or more is escalated before the session is answered: the advice is already there.
        var first = Assert.Single(await person.Client.GetAlertsAsync());
        Assert.Equal("E5", Rule(first));
        Assert.Equal("info", first.GetProperty("severity").GetString());
        Assert.Contains("do not exercise today", first.GetProperty("message").GetString(), StringComparison.Ordinal);

        // Another high session the same day changes nothing: one open E5.
        await (await person.Client.LogSessionAsync(Bodies.Session("2026-11-25T18:00:00Z", Bodies.Done(plan.FirstStrengthItem(), painDuring: 9, effort: 5))))
            .ExpectAsync(HttpStatusCode.Created);
        Assert.Single(await person.Client.GetAlertsAsync());

        var checkIn = await (await person.Client.CheckInAsync(Bodies.CheckIn("2026-11-26", 8))).ExpectAsync(HttpStatusCode.Created);
        var raised = Assert.Single(checkIn.GetProperty("alerts").EnumerateArray());
        Assert.Equal("see-clinician-soon", raised.GetProperty("severity").GetString());

        var alert = Assert.Single(await person.Client.GetAlertsAsync());
        Assert.Equal(first.GetProperty("id").GetString(), alert.GetProperty("id").GetString());
        Assert.Equal("see-clinician-soon", alert.GetProperty("severity").GetString());
        Assert.Contains("do not exercise until then", alert.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task E5_ASessionRatedUnder8_RaisesNothing()
    {
        var (person, plan) = await app.SignUpWithPlanAsync();
        var body = Bodies.Session("2026-11-25T08:00:00Z", Bodies.Done(plan.FirstStrengthItem(), painDuring: 7, effort: 5));
        body["painAfter"] = 7;
        await (await person.Client.LogSessionAsync(body)).ExpectAsync(HttpStatusCode.Created);
        // A check-in escalates synchronously and sees the session: still nothing.
        await (await person.Client.CheckInAsync(Bodies.CheckIn("2026-11-26", 4))).ExpectAsync(HttpStatusCode.Created);
        Assert.Empty(await person.Client.GetAlertsAsync());
    }

    [Fact]
    public async Task E5_ASessionWithPainAfterOf8_CountsTheHighestRatingOfTheSession()
    {
        var (person, plan) = await app.SignUpWithPlanAsync();
        var body = Bodies.Session("2026-11-26T08:00:00Z", Bodies.Done(plan.FirstStrengthItem(), painDuring: 3, effort: 5));
        body["painAfter"] = 8;
        await (await person.Client.LogSessionAsync(body)).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(["E5"], (await person.Client.GetAlertsAsync()).Select(Rule));
    }

    // ---- E3 and E4: twelve weeks of the plan ---------------------------------------------------

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task E3_AfterTwelveAdherentWeeks_FiresOnlyWithoutMeaningfulImprovement_AndE4OnceInWeeksSixToEight(bool improved)
    {
        // A session and a check-in every day (100 % adherence). Usual pain: baseline 5; then either
        // about 4.7 (0.3 better: not meaningful) or about 2.9 (2.1 better: meaningful, OM1).
        await using var own = new TestApp();
        var day = await Traveller.StartAsync(own);
        int[] baseline = [5, 6, 4, 5, 5, 6, 4];
        int[] later = improved ? [3, 3, 2, 3, 3, 3, 3] : [4, 5, 5, 4, 6, 4, 5];
        var e3 = new List<int>();
        var e4 = new List<int>();
        for (var i = 0; i <= 85; i++)
        {
            await day.SessionAsync(painDuring: 2);
            await day.CheckInAsync(i < 7 ? baseline[i] : later[i % 7]);
            if (i is 41 or 42 or 56 or 57 or 83 or 84 or 85)
            {
                var alerts = await day.AlertsAsync();
                e3.Add(alerts.Count(a => Rule(a) == "E3"));
                e4.Add(alerts.Count(a => Rule(a) == "E4"));
            }

            await day.NextDayAsync();
        }

        // Days 41, 42, 56, 57, 83, 84, 85: E4 from day 42 (week 6), once; E3 from day 84 (week 12).
        Assert.Equal([0, 1, 1, 1, 1, 1, 1], e4);
        Assert.Equal(improved ? [0, 0, 0, 0, 0, 0, 0] : [0, 0, 0, 0, 0, 1, 1], e3);
        var all = await day.AlertsAsync();
        Assert.Equal(improved ? ["E4"] : ["E3", "E4"], all.Select(Rule).Order());
        if (!improved)
        {
            Assert.Equal("see-clinician", all.Single(a => Rule(a) == "E3").GetProperty("severity").GetString());
        }
    }

    [Theory]
    [InlineData(1.0, 1)] // pain and the PSFS both short of a meaningful change: E3
    [InlineData(2.4, 0)] // the PSFS improved by 2 points or more: no E3, although pain did not
    public async Task E3_ReadsThePsfs_ItsImprovementOf2PointsOrMore_WithholdsThePersistingPainAlert(double psfsGain, int expected)
    {
        await using var own = new TestApp();
        var day = await Traveller.StartAsync(own);
        async Task PsfsAsync(double mean)
        {
            var score = (int)Math.Round(mean);
            var rest = (int)Math.Round(mean * 3) - 2 * score; // three activities whose mean is the given one (to a third)
            await (await day.Person.Client.PostAsJsonAsync("/api/v1/me/outcomes", new
            {
                instrument = "psfs", date = day.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                activities = new[] { new { name = "stairs", score }, new { name = "walking", score }, new { name = "socks", score = rest } },
            })).ExpectAsync(HttpStatusCode.Created);
        }

        for (var i = 0; i <= 84; i++)
        {
            if (i == 0)
            {
                await PsfsAsync(4);
            }

            await day.SessionAsync(painDuring: 2);
            await day.CheckInAsync(5);
            if (i == 83)
            {
                await PsfsAsync(4 + psfsGain);
            }

            await day.NextDayAsync();
        }

        Assert.Equal(expected, (await day.AlertsAsync()).Count(a => Rule(a) == "E3"));
    }

    [Fact]
    public async Task RecordingAnOutcome_RunsEscalation_TheWeekSixReviewAppearsWithoutACheckInOrSession()
    {
        await using var own = new TestApp();
        var day = await Traveller.StartAsync(own);
        for (var i = 0; i < 42; i++)
        {
            await day.NextDayAsync();
        }

        Assert.DoesNotContain(await day.AlertsAsync(), a => Rule(a) == "E4");
        await (await day.Person.Client.PostAsJsonAsync("/api/v1/me/outcomes", new { instrument = "nprs", date = day.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), value = 4 }))
            .ExpectAsync(HttpStatusCode.Created);
        Assert.Single(await day.AlertsAsync(), a => Rule(a) == "E4");
    }

    // ---- E6: low adherence ---------------------------------------------------------------------

    [Fact]
    public async Task E6_UnderHalfThePlannedDaysForTwoWeeks_RaisesOneGentleAlert_AndAfterTheClinicResolvesIt_NotAgainWithinTwoWeeks()
    {
        await using var own = new TestApp();
        var staff = await own.NewClinicAsync();
        var day = await Traveller.StartAsync(own);
        await day.Person.LinkAsync(staff);
        // Sessions on about one day in four (fixed seed), a check-in every day.
        var random = new Random(7);
        var counts = new List<int>();
        for (var i = 0; i < 20; i++)
        {
            if (random.Next(4) == 0)
            {
                await day.SessionAsync(painDuring: 2);
            }

            await day.CheckInAsync(3);
            counts.Add((await day.AlertsAsync()).Count(a => Rule(a) == "E6"));
            await day.NextDayAsync();
        }

        // Not before the plan is two weeks old (day 13 is its 14th day); then once.
        Assert.All(counts.Take(13), n => Assert.Equal(0, n));
        Assert.All(counts.Skip(13), n => Assert.Equal(1, n));
        var e6 = (await day.AlertsAsync()).Single(a => Rule(a) == "E6");
        Assert.Equal("info", e6.GetProperty("severity").GetString());
        Assert.Contains("restart gently", e6.GetProperty("message").GetString(), StringComparison.Ordinal);

        // The clinic resolves it on day 20; adherence stays low. E6 waits out its 2-week window.
        staff = staff with { Person = await own.SignInWithSecondFactorAsync(staff.Person, staff.SharedKey) };
        await (await staff.Client.PostAsync(staff.Url($"/alerts/{e6.GetProperty("id").GetString()}/resolve"), null)).ExpectAsync(HttpStatusCode.OK);
        var after = new List<int>();
        for (var i = 0; i < 15; i++)
        {
            await day.CheckInAsync(3);
            after.Add((await day.AlertsAsync()).Count(a => Rule(a) == "E6" && a.GetProperty("status").GetString() != "resolved"));
            await day.NextDayAsync();
        }

        // Days 20–33 lie within 14 days of resolving; on day 34 a new E6 is raised.
        Assert.All(after.Take(14), n => Assert.Equal(0, n));
        Assert.Equal(1, after[14]);
        Assert.Equal(2, (await day.AlertsAsync()).Count(a => Rule(a) == "E6"));
    }

    [Fact]
    public async Task E6_SessionsOnEveryPlannedDay_RaiseNoLowAdherenceAlert()
    {
        await using var own = new TestApp();
        var day = await Traveller.StartAsync(own);
        for (var i = 0; i < 16; i++)
        {
            await day.SessionAsync(painDuring: 1);
            await day.CheckInAsync(3);
            await day.NextDayAsync();
        }

        await day.CheckInAsync(3);
        Assert.Empty(await day.AlertsAsync());
    }

    // ---- E1: red flags -------------------------------------------------------------------------

    [Fact]
    public async Task E1_ARedFlagAtCheckIn_PausesThePlanWithAnUrgentAlert_AndAgainAfterANewPlan()
    {
        await using var own = new TestApp();
        var (person, plan) = await own.SignUpWithPlanAsync();
        var body = await (await person.Client.CheckInAsync(Bodies.CheckIn("2026-11-26", 4, true, "calf-swelling-chest-breathless"))).ExpectAsync(HttpStatusCode.Created);
        var e1 = Assert.Single(body.GetProperty("alerts").EnumerateArray());
        Assert.Equal(("E1", "urgent-care"), (Rule(e1), e1.GetProperty("severity").GetString()));
        Assert.StartsWith("Please stop your exercises and get medical care today.", e1.GetProperty("message").GetString(), StringComparison.Ordinal);
        var paused = await person.Client.GetPlanAsync();
        Assert.Equal("paused", paused.GetProperty("status").GetString());
        Assert.Contains("(E1)", paused.GetProperty("pausedReason").GetString(), StringComparison.Ordinal);
        await (await person.Client.LogSessionAsync(Bodies.Session("2026-11-26T08:00:00Z", Bodies.Done(plan.FirstStrengthItem(), 1, 2))))
            .ProblemAsync(HttpStatusCode.Conflict);

        // Checked and cleared the next day, the person answers the intake again and gets a new plan
        // (the E1 alert stays open until a clinician resolves it). A new warning sign pauses that plan too.
        own.Clock.Advance(TimeSpan.FromDays(1));
        var day = await Traveller.ResumeAsync(own, person);
        var fresh = await day.Person.Client.CreatePlanAsync(Intakes.Typical());
        Assert.Equal("active", fresh.GetProperty("status").GetString());
        var again = await (await day.Person.Client.CheckInAsync(Bodies.CheckIn("2026-11-27", 4, true, "hot-swollen-fever"))).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(["E1"], again.GetProperty("alerts").EnumerateArray().Select(Rule));
        Assert.Equal("paused", (await day.Person.Client.GetPlanAsync()).GetProperty("status").GetString());
        Assert.Single(await day.AlertsAsync(), a => Rule(a) == "E1");
    }

    // ---- Records count on their own dates ------------------------------------------------------

    [Fact]
    public async Task BackEnteredCheckIns_CountOnTheirOwnDates()
    {
        // Twenty days later the person types in their diary: days 7–19 at 6 first, then days 0–6 at 3.
        await using var own = new TestApp();
        var (person, _) = await own.SignUpWithPlanAsync();
        own.Clock.Advance(TimeSpan.FromDays(20));
        var day = await Traveller.ResumeAsync(own, person);
        foreach (var i in Enumerable.Range(7, 13).Reverse())
        {
            await day.CheckInOnAsync(s_day0.AddDays(i), 6);
        }

        // Days 7–13 are the first 7 days of records for now, so they are the baseline: no rise.
        Assert.DoesNotContain(await day.AlertsAsync(), a => Rule(a) == "E2");

        // The earlier days (3) join the baseline as they are entered, on their own dates, until the 6s
        // of the last week are 2 points above it: E2 is raised then, once.
        var raisedBy = new List<int>();
        foreach (var i in Enumerable.Range(0, 7).Reverse())
        {
            var body = await day.CheckInOnAsync(s_day0.AddDays(i), 3);
            raisedBy.Add(body.GetProperty("alerts").EnumerateArray().Count(a => Rule(a) == "E2"));
        }

        // With days 6 to 3 entered the baseline (then days 3–9: four 3s, three 6s, 4.3) is within 2 points
        // of 6; with day 2 it is days 2–8 (3.9), and the 7-day average has been 6 since day 13: E2.
        Assert.Equal([0, 0, 0, 0, 1, 0, 0], raisedBy);
        Assert.Single(await day.AlertsAsync(), a => Rule(a) == "E2");
    }

    [Fact]
    public async Task BackEnteredSessions_CountOnTheirOwnDates()
    {
        // A week of check-ins at 3, then a session from a week ago rated 9 is entered: it is not the
        // latest rating, so it raises nothing now. A session of today rated 9 does (E5).
        var (person, plan) = await app.SignUpWithPlanAsync();
        for (var back = 6; back >= 0; back--)
        {
            var date = s_day0.AddDays(-back).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            await (await person.Client.CheckInAsync(Bodies.CheckIn(date, 3))).ExpectAsync(HttpStatusCode.Created);
        }

        await (await person.Client.LogSessionAsync(Bodies.Session("2026-11-19T08:00:00Z", Bodies.Done(plan.FirstStrengthItem(), painDuring: 9, effort: 5))))
            .ExpectAsync(HttpStatusCode.Created);
        Assert.Empty(await person.Client.GetAlertsAsync());

        await (await person.Client.LogSessionAsync(Bodies.Session("2026-11-26T08:00:00Z", Bodies.Done(plan.FirstStrengthItem(), painDuring: 9, effort: 5))))
            .ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(["E5"], (await person.Client.GetAlertsAsync()).Select(Rule));
    }

    [Fact]
    public async Task E2_TheBaselineIsTheFirstWeekOfRecords_EvenWhenItIsMonthsOlderThanTheWindowRead()
    {
        // Four months on, the first week of records (3) is long before the 13 weeks read for trends;
        // it is read on its own and is still the baseline, so three weeks of 6 now raise E2.
        await using var own = new TestApp();
        var (person, _) = await own.SignUpWithPlanAsync();
        own.Clock.Advance(TimeSpan.FromDays(120));
        var day = await Traveller.ResumeAsync(own, person);
        for (var i = 0; i < 7; i++)
        {
            await day.CheckInOnAsync(s_day0.AddDays(i), 3);
        }

        for (var i = 100; i < 120; i++)
        {
            await day.CheckInOnAsync(s_day0.AddDays(i), 6);
        }

        Assert.Single(await day.AlertsAsync(), a => Rule(a) == "E2");
    }

    // ---- One open alert per rule per person ----------------------------------------------------

    [Fact]
    public async Task RepeatedRecords_NeverCreateASecondOpenAlertForTheSameRule()
    {
        var (person, plan) = await app.SignUpWithPlanAsync();
        var random = new Random(42);
        string[] flags = ["hot-swollen-fever", "sudden-severe-pain", "spreading-weakness-numbness", "long-morning-stiffness"];
        // Twenty check-ins with very high pain and warning signs, on past days in a shuffled order.
        foreach (var back in Enumerable.Range(1, 20).OrderBy(_ => random.Next()))
        {
            var date = s_day0.AddDays(-back).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            await (await person.Client.CheckInAsync(Bodies.CheckIn(date, random.Next(8, 11), false, flags[random.Next(flags.Length)])))
                .ExpectAsync(HttpStatusCode.Created);
        }

        await (await person.Client.CheckInAsync(Bodies.CheckIn("2026-11-26", 9, false, "hot-swollen-fever"))).ExpectAsync(HttpStatusCode.Created);
        var alerts = await person.Client.GetAlertsAsync();
        AssertOneOpenPerRule(alerts);
        Assert.Equal(1, alerts.Count(a => Rule(a) == "E1"));
        Assert.Equal(1, alerts.Count(a => Rule(a) == "E5"));
        Assert.Equal("urgent-care", alerts.Single(a => Rule(a) == "E1").GetProperty("severity").GetString());
        _ = plan;
    }

    [Fact]
    public async Task ConcurrentSessionsAndCheckIns_StillLeaveOneOpenAlertPerRule()
    {
        var (person, plan) = await app.SignUpWithPlanAsync();
        var sends = Enumerable.Range(0, 8).Select(async i =>
        {
            using var response = i % 2 == 0
                ? await person.Client.LogSessionAsync(Bodies.Session("2026-11-26T07:00:00Z", Bodies.Done(plan.FirstStrengthItem(), painDuring: 9, effort: 5)))
                : await person.Client.CheckInAsync(Bodies.CheckIn("2026-11-26", 9));
            return response.StatusCode;
        });
        Assert.All(await Task.WhenAll(sends), s => Assert.Equal(HttpStatusCode.Created, s));
        var alerts = await person.Client.GetAlertsAsync();
        Assert.Equal(["E5"], alerts.Select(Rule));
    }

    // ---- The clinic: dashboard and resolving ---------------------------------------------------

    [Fact]
    public async Task Dashboard_APersonLowOnTheList_MovesUpWhenTheirPainPersistsAt8()
    {
        var staff = await app.NewClinicAsync();
        var (urgent, _) = await app.SignUpWithPlanAsync("urgent");
        var clearance = await app.SignUpAsync("clearance");
        await (await clearance.Client.PutIntakeAsync(Intakes.With("redFlags", new[] { "avn-risk-groin-pain" }))).ExpectAsync(HttpStatusCode.OK);
        var (quiet, _) = await app.SignUpWithPlanAsync("quiet");
        await (await urgent.Client.CheckInAsync(Bodies.CheckIn("2026-11-26", 3, true, "hot-swollen-fever"))).ExpectAsync(HttpStatusCode.Created);
        foreach (var p in new[] { urgent, clearance, quiet })
        {
            await p.LinkAsync(staff);
        }

        Assert.Equal([urgent.Email, clearance.Email, quiet.Email], await DashboardAsync(staff));

        // A single rating of 8 is advice to the person (info): the order stays.
        await (await quiet.Client.CheckInAsync(Bodies.CheckIn("2026-11-25", 8))).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal([urgent.Email, clearance.Email, quiet.Email], await DashboardAsync(staff));

        // Still 8 or more at the next check-in: see-clinician-soon, ahead of awaiting clearance.
        await (await quiet.Client.CheckInAsync(Bodies.CheckIn("2026-11-26", 9))).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal([urgent.Email, quiet.Email, clearance.Email], await DashboardAsync(staff));
        var rows = (await (await staff.Client.GetAsync(staff.Url("/patients"))).ExpectAsync(HttpStatusCode.OK)).EnumerateArray().ToList();
        Assert.Equal("see-clinician-alert", rows[1].GetProperty("reasons")[0].GetString());

        // The clinic's alert list shows it with its rule; resolving it sends the person back down.
        var listed = (await (await staff.Client.GetAsync(staff.Url("/alerts"))).ExpectAsync(HttpStatusCode.OK)).EnumerateArray().ToList();
        var e5 = listed.Single(a => a.GetProperty("patientEmail").GetString() == quiet.Email);
        Assert.Equal(("E5", "see-clinician-soon"), (Rule(e5), e5.GetProperty("severity").GetString()));
        await (await staff.Client.PostAsync(staff.Url($"/alerts/{e5.GetProperty("id").GetString()}/resolve"), null)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([urgent.Email, clearance.Email, quiet.Email], await DashboardAsync(staff));
    }

    [Fact]
    public async Task Dashboard_APersonWhosePainRoseForAWeek_MovesAboveAwaitingClearanceWithTheirE2Alert()
    {
        await using var own = new TestApp();
        var staff = await own.NewClinicAsync();
        var clearance = await own.SignUpAsync("clearance");
        await (await clearance.Client.PutIntakeAsync(Intakes.With("redFlags", new[] { "avn-risk-groin-pain" }))).ExpectAsync(HttpStatusCode.OK);
        var (rising, _) = await own.SignUpWithPlanAsync("rising");
        await clearance.LinkAsync(staff);
        await rising.LinkAsync(staff);
        own.Clock.Advance(TimeSpan.FromDays(18));
        staff = staff with { Person = await own.SignInWithSecondFactorAsync(staff.Person, staff.SharedKey) };
        var day = await Traveller.ResumeAsync(own, rising);

        // Days 0–6 at 3, then 6 for days 7–10: nothing in the last week yet, so only low adherence.
        for (var i = 0; i < 11; i++)
        {
            await day.CheckInOnAsync(s_day0.AddDays(i), i < 7 ? 3 : 6);
        }

        Assert.Equal([clearance.Email, rising.Email], await DashboardAsync(staff));

        // Days 11–17 at 6: the 7-day average has been 2 points or more above the baseline since day 11.
        for (var i = 11; i < 18; i++)
        {
            await day.CheckInOnAsync(s_day0.AddDays(i), 6);
        }

        Assert.Equal([rising.Email, clearance.Email], await DashboardAsync(staff));
        var rows = (await (await staff.Client.GetAsync(staff.Url("/patients"))).ExpectAsync(HttpStatusCode.OK)).EnumerateArray().ToList();
        Assert.Equal(["see-clinician-alert", "worsening-pain", "low-adherence"], rows[0].GetProperty("reasons").Strings());
        // No session in 18 days: E6 (info) too.
        Assert.Equal(["E2", "E6"], (await day.AlertsAsync()).Select(Rule).Order());
    }

    [Fact]
    public async Task ResolvedByTheClinic_E5IsNotRaisedAgainForTheSameRatings_OnlyForANewOne()
    {
        await using var own = new TestApp();
        var staff = await own.NewClinicAsync();
        var (person, plan) = await own.SignUpWithPlanAsync();
        await person.LinkAsync(staff);
        await (await person.Client.CheckInAsync(Bodies.CheckIn("2026-11-25", 8))).ExpectAsync(HttpStatusCode.Created);
        await (await person.Client.CheckInAsync(Bodies.CheckIn("2026-11-26", 9))).ExpectAsync(HttpStatusCode.Created);
        var e5 = Assert.Single(await person.Client.GetAlertsAsync());
        await (await staff.Client.PostAsync(staff.Url($"/alerts/{e5.GetProperty("id").GetString()}/resolve"), null)).ExpectAsync(HttpStatusCode.OK);

        // More records about the same days: nothing new (the clinic has dealt with these ratings).
        await (await person.Client.LogSessionAsync(Bodies.Session("2026-11-26T07:00:00Z", Bodies.Done(plan.FirstStrengthItem(), 2, 3)))).ExpectAsync(HttpStatusCode.Created);
        await (await person.Client.CheckInAsync(Bodies.CheckIn("2026-11-24", 5))).ExpectAsync(HttpStatusCode.Created);
        var alerts = Assert.Single(await person.Client.GetAlertsAsync());
        Assert.Equal("resolved", alerts.GetProperty("status").GetString());

        // A new rating of 8 or more on a later day is a new event: a new alert.
        own.Clock.Advance(TimeSpan.FromDays(1));
        var day = await Traveller.ResumeAsync(own, person);
        await day.CheckInAsync(8);
        var all = await day.AlertsAsync();
        Assert.Equal(2, all.Count(a => Rule(a) == "E5"));
        Assert.Single(all, a => a.GetProperty("status").GetString() == "open");
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static string Rule(JsonElement alert) => alert.GetProperty("ruleId").GetString()!;

    private static void AssertOneOpenPerRule(IEnumerable<JsonElement> alerts)
    {
        foreach (var rule in alerts.Where(a => a.GetProperty("status").GetString() != "resolved").GroupBy(Rule))
        {
            Assert.True(rule.Count() == 1, $"{rule.Count()} open {rule.Key} alerts");
        }
    }

    private static async Task<List<string?>> DashboardAsync(Staff staff) =>
        [.. (await (await staff.Client.GetAsync(staff.Url("/patients"))).ExpectAsync(HttpStatusCode.OK)).EnumerateArray().Select(r => r.GetProperty("email").GetString())];

    /// <summary>
    /// A person living through days on their own app: each <see cref="NextDayAsync"/> moves the clock
    /// a day and refreshes their tokens (which age with the clock); records are made on today's date.
    /// </summary>
    private sealed class Traveller
    {
        private readonly TestApp _app;
        private string _refreshToken;

        private Traveller(TestApp app, Person person)
        {
            _app = app;
            Person = person;
            _refreshToken = person.RefreshToken;
        }

        public Person Person { get; }

        public JsonElement Plan { get; private set; }

        public DateOnly Today => DateOnly.FromDateTime(_app.Clock.GetUtcNow().UtcDateTime);

        public static async Task<Traveller> StartAsync(TestApp app)
        {
            var (person, plan) = await app.SignUpWithPlanAsync();
            return new Traveller(app, person) { Plan = plan };
        }

        /// <summary>The person again after the clock moved: signs in afresh (a refresh token may have expired too).</summary>
        public static async Task<Traveller> ResumeAsync(TestApp app, Person person)
        {
            var tokens = await (await app.CreateClient().LoginAsync(person.Email, person.Password)).ExpectAsync(HttpStatusCode.OK);
            person.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("accessToken").GetString());
            var traveller = new Traveller(app, person) { _refreshToken = tokens.GetProperty("refreshToken").GetString()! };
            traveller.Plan = await person.Client.GetPlanAsync();
            return traveller;
        }

        public async Task NextDayAsync()
        {
            _app.Clock.Advance(TimeSpan.FromDays(1));
            var tokens = await (await _app.CreateClient().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = _refreshToken })).ExpectAsync(HttpStatusCode.OK);
            _refreshToken = tokens.GetProperty("refreshToken").GetString()!;
            Person.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("accessToken").GetString());
        }

        public Task<JsonElement> CheckInAsync(int usualPain) => CheckInOnAsync(Today, usualPain);

        public async Task<JsonElement> CheckInOnAsync(DateOnly date, int usualPain) =>
            await (await Person.Client.CheckInAsync(Bodies.CheckIn(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), usualPain)))
                .ExpectAsync(HttpStatusCode.Created);

        /// <summary>A session of the plan's first strengthening item, done at 08:00 today.</summary>
        public async Task SessionAsync(int painDuring)
        {
            var at = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T08:00:00Z";
            await (await Person.Client.LogSessionAsync(Bodies.Session(at, Bodies.Done(Plan.FirstStrengthItem(), painDuring, effort: 3))))
                .ExpectAsync(HttpStatusCode.Created);
        }

        public Task<List<JsonElement>> AlertsAsync() => Person.Client.GetAlertsAsync();
    }
}
