using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HipRehab.Web.Tests;

/// <summary>
/// <c>GET /api/v1/me/progress</c> over a constructed history whose figures are worked out by hand:
/// pain by each check-in's own date (E2's windows, OM1's meaningful change), adherence over 14 days,
/// outcomes against their first result, BMI and weight change (L1), activity against 150 (L3), open
/// alerts and the measures due (OS1). And the Today page's measures and rest guidance.
/// </summary>
public sealed class ProgressApiTests(TestApp shared) : IClassFixture<TestApp>
{
    private static async Task<JsonElement> ProgressAsync(Person person) =>
        await (await person.Client.GetAsync("/api/v1/me/progress")).ExpectAsync(HttpStatusCode.OK);

    [Fact]
    public async Task Progress_OfAConstructedHistory_HasExactFigures_CountingBackEnteredRecordsOnTheirOwnDates()
    {
        await using var app = new TestApp();
        // The plan starts on Thursday 2026-11-26; "today" is three weeks later, Thursday 2026-12-17.
        var (person, plan) = await app.SignUpWithPlanAsync();
        app.Clock.Advance(TimeSpan.FromDays(21));
        var tokens = await (await app.CreateClient().LoginAsync(person.Email, person.Password)).ExpectAsync(HttpStatusCode.OK);
        person.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("accessToken").GetString());

        // Someone else's records must not leak into the figures.
        var (stranger, _) = await app.SignUpWithPlanAsync("stranger");
        await (await stranger.Client.CheckInAsync(Bodies.CheckIn("2026-12-16", 1, true))).ExpectAsync(HttpStatusCode.Created);
        await stranger.Client.RecordOkAsync(Outcomes.Psfs("2026-12-16", 1, 1, 1));
        await (await stranger.Client.PostAsJsonAsync("/api/v1/me/activity", new { date = "2026-12-16", minutes = 500 })).ExpectAsync(HttpStatusCode.Created);

        // Check-ins typed in a jumbled order, most of them back-entered: each counts on its own date.
        foreach (var (date, usual) in new[] { ("2026-12-17", 2), ("2026-11-26", 6), ("2026-12-13", 3), ("2026-11-28", 5), ("2026-12-11", 4), ("2026-11-30", 7) })
        {
            await (await person.Client.CheckInAsync(Bodies.CheckIn(date, usual, true))).ExpectAsync(HttpStatusCode.Created);
        }

        await (await person.Client.CheckInAsync(Bodies.CheckIn("2026-12-06", 5, true, "long-morning-stiffness"))).ExpectAsync(HttpStatusCode.Created);

        var item = plan.FirstStrengthItem();
        foreach (var at in new[] { "2026-12-15T08:00:00Z", "2026-12-16T08:00:00Z", "2026-12-17T07:00:00Z", "2026-12-01T08:00:00Z" })
        {
            await (await person.Client.LogSessionAsync(Bodies.Session(at, Bodies.Done(item, 1, 3)))).ExpectAsync(HttpStatusCode.Created);
        }

        await person.Client.RecordOkAsync(Outcomes.Psfs("2026-12-17", 6, 6, 7));
        await person.Client.RecordOkAsync(Outcomes.Value("nprs", "2026-12-17", 5));
        await person.Client.RecordOkAsync(Outcomes.Psfs("2026-11-26", 3, 4, 5));
        await (await person.Client.PostAsJsonAsync("/api/v1/me/body-measurements", new { date = "2026-12-11", weightKg = 78 })).ExpectAsync(HttpStatusCode.Created);
        await (await person.Client.PostAsJsonAsync("/api/v1/me/body-measurements", new { date = "2026-12-01", weightKg = 79 })).ExpectAsync(HttpStatusCode.Created);
        foreach (var (date, minutes) in new[] { ("2026-12-17", 30), ("2026-12-12", 60), ("2026-12-10", 45) })
        {
            await (await person.Client.PostAsJsonAsync("/api/v1/me/activity", new { date, minutes })).ExpectAsync(HttpStatusCode.Created);
        }

        var p = await ProgressAsync(person);
        Assert.Equal("2026-12-17", p.GetProperty("asOf").GetString());

        // Pain: the first 7 days of records (11-26..12-02: 6, 5, 7) against the last 7 (12-11..12-17: 4, 3, 2).
        Assert.Equal(6.0m, p.GetProperty("baselinePain").GetDecimal());
        Assert.Equal(3.0m, p.GetProperty("currentPain").GetDecimal());
        Assert.Equal(-3.0m, p.GetProperty("painChange").GetDecimal());
        var pain = p.GetProperty("pain");
        Assert.Equal("2026-11-26", pain.GetProperty("baselineFrom").GetString());
        Assert.Equal("2026-12-02", pain.GetProperty("baselineTo").GetString());
        Assert.True(pain.GetProperty("baselineComplete").GetBoolean());
        Assert.Equal("better", pain.GetProperty("direction").GetString());
        Assert.True(pain.GetProperty("meaningful").GetBoolean());
        Assert.Equal(["OM1", "E2"], pain.GetProperty("ruleIds").Strings());
        var days = pain.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal(22, days.Count); // 11-26 .. 12-17
        Assert.Equal(("2026-11-26", 6m, 1, 6m), Day(days[0]));
        Assert.Equal(("2026-12-02", (decimal?)null, 0, 6m), Day(days[6]));
        Assert.Equal(("2026-12-06", 5m, 1, 6m), Day(days[10]));   // 11-30..12-06: 7, 5
        Assert.Equal(("2026-12-11", 4m, 1, 4.5m), Day(days[15])); // 12-05..12-11: 5, 4
        Assert.Equal(("2026-12-17", 2m, 1, 3m), Day(days[21]));

        // Adherence over 12-04..12-17, by the plan's own schedule: sessions on 12-15, 12-16 and 12-17 (12-01 is outside).
        var scheduled = plan.Items().SelectMany(i => i.GetProperty("days").Strings()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var window = Enumerable.Range(0, 14).Select(i => new DateOnly(2026, 12, 4).AddDays(i)).Where(d => scheduled.Contains(d.DayOfWeek.ToString())).ToList();
        var done = window.Count(d => d.Day is 15 or 16 or 17);
        var adherence = p.GetProperty("adherence");
        Assert.Equal(14, adherence.GetProperty("windowDays").GetInt32());
        Assert.Equal(window.Count, adherence.GetProperty("planned").GetInt32());
        Assert.Equal(done, adherence.GetProperty("completed").GetInt32());
        Assert.Equal((int)Math.Round(100m * done / window.Count, MidpointRounding.AwayFromZero), adherence.GetProperty("percent").GetInt32());
        Assert.True(window.Count >= 6, "the typical plan has something due on most days");

        // Outcomes, grouped per instrument in the catalogue's order, each against its first result.
        var outcomes = p.GetProperty("outcomes").EnumerateArray().ToList();
        Assert.Equal(["nprs", "psfs"], outcomes.Select(o => o.GetProperty("instrument").GetString()));
        var psfs = outcomes[1];
        Assert.Equal("2026-11-26", psfs.GetProperty("baseline").GetProperty("date").GetString());
        Assert.Equal(4m, psfs.GetProperty("baseline").GetProperty("score").GetDecimal());
        Assert.Equal(6.33m, psfs.GetProperty("latest").GetProperty("score").GetDecimal());
        Assert.Equal(2.33m, psfs.GetProperty("latest").Dec("change"));
        Assert.True(psfs.GetProperty("latest").Bool("meaningful"));
        Assert.Equal("medium", psfs.GetProperty("interpretation").GetProperty("size").GetString());
        Assert.Equal(["2026-11-26", "2026-12-17"], psfs.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("date").GetString()));
        Assert.Null(outcomes[0].GetProperty("latest").Dec("change"));

        // Weight: the latest by date (78 kg on 12-11), against the intake's 80 kg and 165 cm.
        Assert.Equal(28.7m, p.GetProperty("bmi").GetDecimal());
        Assert.Equal(-2.5m, p.GetProperty("weightChangePercent").GetDecimal());
        var weight = p.GetProperty("weight");
        Assert.Equal(80m, weight.GetProperty("baselineKg").GetDecimal());
        Assert.Equal(["2026-12-01", "2026-12-11"], weight.GetProperty("series").EnumerateArray().Select(w => w.GetProperty("date").GetString()));
        Assert.True(weight.GetProperty("summary").GetProperty("supportOffered").GetBoolean());

        // Activity: 12-11..12-17 holds 30 + 60; the week before holds 45.
        var activity = p.GetProperty("activity");
        Assert.Equal(90, activity.GetProperty("thisWeek").GetProperty("minutes").GetInt32());
        Assert.False(activity.GetProperty("thisWeek").GetProperty("met").GetBoolean());
        var weeks = activity.GetProperty("weeks").EnumerateArray().ToList();
        Assert.Equal(12, weeks.Count);
        Assert.Equal(90, weeks[11].GetProperty("minutes").GetInt32());
        Assert.Equal(45, weeks[10].GetProperty("minutes").GetInt32());
        Assert.Equal("2026-12-04", weeks[10].GetProperty("from").GetString());

        // The alerts: E1 from the check-in of 12-06, and E6 from escalation after the last records
        // (sessions on 3 of the last 14 days' planned days is under half).
        Assert.Equal(["E1", "E6"], p.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("ruleId").GetString()).Order());

        // Week 3 of the plan is still the start's time point: the PSFS is done; the rest is due.
        Assert.Equal("2026-11-26", p.GetProperty("planStart").GetString());
        var due = p.GetProperty("dueMeasures").EnumerateArray().ToList();
        Assert.Equal(["sane", "chair-stand-30s", "tug", "fast-walk-40m"], due.Select(d => d.GetProperty("instrument").GetString()));
        Assert.All(due, d => Assert.Equal(0, d.GetProperty("week").GetInt32()));
    }

    private static (string?, decimal?, int, decimal?) Day(JsonElement d) =>
        (d.GetProperty("date").GetString(), d.Dec("pain"), d.GetProperty("ratings").GetInt32(), d.Dec("sevenDayAverage"));

    [Fact]
    public async Task Progress_WithNothingRecorded_IsEmptyNotAnError()
    {
        var person = await shared.SignUpAsync();
        var p = await ProgressAsync(person);
        foreach (var name in new[] { "baselinePain", "currentPain", "painChange", "adherence", "bmi", "weightChangePercent", "planStart" })
        {
            Assert.Equal(JsonValueKind.Null, p.GetProperty(name).ValueKind);
        }

        Assert.Empty(p.GetProperty("outcomes").EnumerateArray());
        Assert.Empty(p.GetProperty("alerts").EnumerateArray());
        Assert.Empty(p.GetProperty("dueMeasures").EnumerateArray());
        Assert.Empty(p.GetProperty("pain").GetProperty("days").EnumerateArray());
        Assert.Equal(0, p.GetProperty("activity").GetProperty("thisWeek").GetProperty("minutes").GetInt32());
        await (await shared.CreateClient().GetAsync("/api/v1/me/progress")).ExpectAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Progress_InTheFirstTwoWeeks_ShowsBothAverages_ButNoChangeYet()
    {
        var (person, _) = await shared.SignUpWithPlanAsync();
        await (await person.Client.CheckInAsync(Bodies.CheckIn("2026-11-18", 6, true))).ExpectAsync(HttpStatusCode.Created);
        await (await person.Client.CheckInAsync(Bodies.CheckIn("2026-11-26", 2, true))).ExpectAsync(HttpStatusCode.Created);
        var p = await ProgressAsync(person);
        Assert.Equal(6.0m, p.GetProperty("baselinePain").GetDecimal()); // 11-18..11-24
        Assert.Equal(2.0m, p.GetProperty("currentPain").GetDecimal());  // 11-20..11-26
        Assert.Equal(JsonValueKind.Null, p.GetProperty("painChange").ValueKind);
        Assert.True(p.GetProperty("pain").GetProperty("baselineComplete").GetBoolean());
        // A plan made today: every planned day so far is today.
        Assert.Equal(1, p.GetProperty("adherence").GetProperty("planned").GetInt32());
        Assert.Equal(0, p.GetProperty("adherence").GetProperty("completed").GetInt32());
    }

    [Fact]
    public async Task TodayPage_ShowsTheMeasuresDue_AndRestGuidanceWithRuleIds()
    {
        var (person, plan) = await shared.SignUpWithPlanAsync();
        // Strength work yesterday (Wednesday): today's guidance says to rest those muscles (D1, L3).
        await (await person.Client.LogSessionAsync(Bodies.Session("2026-11-25T08:00:00Z", Bodies.Done(plan.FirstStrengthItem(), 1, 3)))).ExpectAsync(HttpStatusCode.Created);
        var browser = shared.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await (await browser.PostAsJsonAsync("/api/v1/auth/login?useCookies=true", new { email = person.Email, password = person.Password })).ExpectAsync(HttpStatusCode.OK);

        var html = await (await browser.GetAsync("/me/today")).Content.ReadAsStringAsync();
        Assert.Contains("id=\"due-measures\"", html, StringComparison.Ordinal);
        foreach (var instrument in new[] { "psfs", "sane", "chair-stand-30s", "tug", "fast-walk-40m" })
        {
            Assert.Contains($"data-instrument=\"{instrument}\"", html, StringComparison.Ordinal);
        }

        Assert.Contains("data-guidance-id=\"strength-yesterday\"", html, StringComparison.Ordinal);
        Assert.Contains("data-guidance-id=\"weekly-activity\"", html, StringComparison.Ordinal);
        Assert.Contains("data-rule-id=\"L3\"", html, StringComparison.Ordinal);
        Assert.Contains("data-rule-id=\"OS1\"", html, StringComparison.Ordinal);

        // Once measured, a measure leaves the list.
        await person.Client.RecordOkAsync(Outcomes.Psfs("2026-11-26", 3, 4, 5));
        html = await (await browser.GetAsync("/me/today")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("data-instrument=\"psfs\"", html, StringComparison.Ordinal);
        Assert.Contains("data-instrument=\"sane\"", html, StringComparison.Ordinal);
    }
}
