using Microsoft.EntityFrameworkCore;

namespace HipRehab.Web.Tests;

/// <summary>
/// Three clinical rules over HTTP: severe pain at the intake means no exercise that day (E5); the
/// leaning piriformis stretch is never placed after a hip replacement (THR-PF); a see-clinician-soon
/// warning sign from a check-in is cleared by a linked clinician, and only by one (E1R).
/// </summary>
public sealed class ClinicalSafetyApiTests(TestApp app) : IClassFixture<TestApp>
{
    // TestApp.Now is Thursday 2026-11-26; the typical plan has strength on Monday, Wednesday and Friday and stretches daily.
    private const string Today = "2026-11-26";

    // ---- E5 at the intake ----

    [Theory]
    [InlineData(8)]
    [InlineData(10)]
    public async Task Preview_WithPainOfEightOrMore_CarriesE5OnTheScreeningAndThePlan(int painNow)
    {
        var (status, body) = await app.CreateClient().PreviewAsync(Intakes.With("painNow", painNow));
        Assert.Equal(HttpStatusCode.OK, status);
        var finding = Assert.Single(body.GetProperty("screening").GetProperty("findings").EnumerateArray(), f => f.GetProperty("ruleId").GetString() == "E5");
        Assert.Equal("advice", finding.GetProperty("outcome").GetString());
        Assert.Contains("do not exercise today", finding.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains(body.GetProperty("plan").GetProperty("advice").EnumerateArray(), a => a.GetProperty("ruleId").GetString() == "E5");
    }

    [Fact]
    public async Task Preview_WithPainOfSeven_HasNoE5()
    {
        var (_, body) = await app.CreateClient().PreviewAsync(Intakes.With("painNow", 7));
        Assert.DoesNotContain(body.GetProperty("screening").GetProperty("findings").EnumerateArray(), f => f.GetProperty("ruleId").GetString() == "E5");
        Assert.DoesNotContain(body.GetProperty("plan").GetProperty("advice").EnumerateArray(), a => a.GetProperty("ruleId").GetString() == "E5");
    }

    [Fact]
    public async Task IntakeWithPainOfNine_TodayListsNothingAndSaysWhy_TomorrowTheExercisesAreBack_AndAStillHighCheckInIsSeeClinicianSoon()
    {
        await using var own = new TestApp();
        var (person, _) = await own.SignUpWithPlanAsync(intake: Intakes.With("painNow", 9));

        var today = await person.Client.GetTodayAsync(Today);
        Assert.Empty(today.GetProperty("due").EnumerateArray());
        Assert.True(today.GetProperty("restToday").GetBoolean());
        Assert.False(today.GetProperty("paused").GetBoolean());
        Assert.Equal("E5", today.GetProperty("restAdvice").GetProperty("ruleId").GetString());
        Assert.Contains("do not exercise today", today.GetProperty("restAdvice").GetProperty("text").GetString(), StringComparison.Ordinal);
        var e5 = Assert.Single(await person.Client.GetAlertsAsync(), a => a.GetProperty("ruleId").GetString() == "E5");
        Assert.Equal("info", e5.GetProperty("severity").GetString());

        // The next day, before any check-in, the plan is due again.
        own.Clock.Advance(TimeSpan.FromDays(1));
        await own.SignInAgainAsync(person);
        var tomorrow = await person.Client.GetTodayAsync("2026-11-27");
        Assert.False(tomorrow.GetProperty("restToday").GetBoolean());
        Assert.NotEmpty(tomorrow.GetProperty("due").EnumerateArray());

        // Still 8 at the next check-in: the intake was the first rating, so this is see-clinician-soon (E5).
        var checkIn = await (await person.Client.CheckInAsync(Bodies.CheckIn("2026-11-27", 8, true))).ExpectAsync(HttpStatusCode.Created);
        var raised = Assert.Single(checkIn.GetProperty("alerts").EnumerateArray(), a => a.GetProperty("ruleId").GetString() == "E5");
        Assert.Equal("see-clinician-soon", raised.GetProperty("severity").GetString());
        Assert.True((await person.Client.GetTodayAsync("2026-11-27")).GetProperty("restToday").GetBoolean());
    }

    [Fact]
    public async Task IntakeWithPainOfSeven_TodayListsTheExercises()
    {
        var (person, _) = await app.SignUpWithPlanAsync(intake: Intakes.With("painNow", 7));
        var today = await person.Client.GetTodayAsync(Today);
        Assert.False(today.GetProperty("restToday").GetBoolean());
        Assert.NotEmpty(today.GetProperty("due").EnumerateArray());
        Assert.DoesNotContain(await person.Client.GetAlertsAsync(), a => a.GetProperty("ruleId").GetString() == "E5");
    }

    [Fact]
    public async Task RulesCatalogue_ListsTheThreeRules_WithSourceAndConfidence()
    {
        var rules = (await (await app.CreateClient().GetAsync("/api/v1/rules")).ExpectAsync(HttpStatusCode.OK)).EnumerateArray()
            .ToDictionary(r => r.GetProperty("id").GetString()!);
        foreach (var id in new[] { "THR-PF", "E1R", "E5" })
        {
            Assert.Equal("U", rules[id].GetProperty("confidence").GetString());
            Assert.NotEmpty(rules[id].GetProperty("sources").EnumerateArray());
        }

        Assert.Contains("intake", rules["E5"].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("does not lift", rules["E1R"].GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    // ---- THR-PF ----

    private static Dictionary<string, object?> ReplacementLongAgo()
    {
        var intake = Intakes.With("surgery", new { kind = "total-hip-replacement", approach = "anterior", date = "2025-06-01" });
        intake["cause"] = "after-surgery";
        intake["abilities"] = new Dictionary<string, object?> { ["getDownToFloor"] = false, ["kneel"] = true, ["standWithoutSupport"] = true };
        intake["equipment"] = new[] { "chair", "wall" };
        return intake;
    }

    [Fact]
    public async Task AfterAHipReplacementLongAgo_ThePlanHasTheUprightPiriformisStretch_AndATherapistCannotPlaceTheLeaningOne()
    {
        var staff = await app.NewClinicAsync();
        var (person, patientId) = await app.LinkedPatientAsync(staff, ReplacementLongAgo());
        var plan = await person.Client.GetPlanAsync();
        var item = plan.ItemOfFamily("piriformis-stretch");
        Assert.Equal("piriformis-stretch-seated-upright", item.GetProperty("exerciseId").GetString());
        Assert.Contains(item.GetProperty("why").EnumerateArray(), w => w.GetProperty("ruleId").GetString() == "THR-PF");

        foreach (var leaning in new[] { "piriformis-stretch-seated-press", "piriformis-stretch-seated-lean" })
        {
            var refused = await (await staff.PutItemAsync(patientId, item.GetProperty("id").GetString()!, new { exerciseId = leaning })).ProblemAsync(HttpStatusCode.Conflict);
            Assert.EndsWith("/unsafe-exercise", refused.GetProperty("type").GetString(), StringComparison.Ordinal);
            Assert.Contains("THR-PF", refused.GetProperty("ruleIds").Strings());
        }

        Assert.Equal("piriformis-stretch-seated-upright", (await person.Client.GetPlanAsync()).ItemOfFamily("piriformis-stretch").GetProperty("exerciseId").GetString());
    }

    // ---- E1R: a see-clinician-soon warning sign at a check-in ----

    private static async Task<List<JsonElement>> AuditAsync(Staff staff) =>
        [.. (await (await staff.Client.GetAsync(staff.Url("/audit"))).ExpectAsync(HttpStatusCode.OK)).EnumerateArray()];

    [Theory]
    [InlineData("cancer-night-weight-loss", "RF7")]
    [InlineData("avn-risk-groin-pain", "RF8")]
    [InlineData("spreading-weakness-numbness", "RF9")]
    [InlineData("replacement-new-pain-or-wound", "RF11")]
    public async Task CheckInWarningSign_IsClearedOnlyByTheLinkedClinicWithASecondFactor_WhichResumesThePlan(string flag, string ruleId)
    {
        var staff = await app.NewClinicAsync();
        var (person, patientId) = await app.LinkedPatientAsync(staff);
        var planId = (await person.Client.GetPlanAsync()).GetProperty("id").GetString();
        var checkIn = await (await person.Client.CheckInAsync(Bodies.CheckIn(Today, 3, true, flag))).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("see-clinician-soon", Assert.Single(checkIn.GetProperty("alerts").EnumerateArray()).GetProperty("severity").GetString());
        var paused = await person.Client.GetPlanAsync();
        Assert.Equal("paused", paused.GetProperty("status").GetString());
        Assert.Contains("clinic you share your records with", paused.GetProperty("pauseNextStep").GetString(), StringComparison.Ordinal);

        // Answering the intake again without the sign does not lift the pause on its own.
        await (await person.Client.PutIntakeAsync(Intakes.Typical())).ExpectAsync(HttpStatusCode.OK);
        var refused = await (await person.Client.PostAsync("/api/v1/me/plan", null)).ProblemAsync(HttpStatusCode.Conflict);
        Assert.EndsWith("/plan-paused", refused.GetProperty("type").GetString(), StringComparison.Ordinal);

        // Another clinic (with a second factor, not linked) and a clinician of this clinic without one are refused, and change nothing.
        var other = await app.NewClinicAsync("Hillside Physio");
        await (await other.Client.PostAsJsonAsync(other.Url($"/patients/{patientId}/clearances"), new { ruleIds = new[] { ruleId } })).ProblemAsync(HttpStatusCode.NotFound);
        var noSecondFactor = await app.AddStaffAsync(staff, "clinician", secondFactor: false);
        var twoFactor = await (await noSecondFactor.Client.PostAsJsonAsync(staff.Url($"/patients/{patientId}/clearances"), new { ruleIds = new[] { ruleId } }))
            .ProblemAsync(HttpStatusCode.Forbidden);
        Assert.EndsWith("/two-factor-required", twoFactor.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Equal("paused", (await person.Client.GetPlanAsync()).GetProperty("status").GetString());
        Assert.Equal(0, await app.WithDbAsync(db => db.Clearances.CountAsync(c => c.PatientId == patientId)));

        // The linked clinician with a second factor clears it: the same plan goes on, and Today lists its exercises again.
        var cleared = await (await staff.Client.PostAsJsonAsync(staff.Url($"/patients/{patientId}/clearances"),
            new { ruleIds = new[] { ruleId }, note = "Seen in clinic today; fine to carry on." })).ExpectAsync(HttpStatusCode.Created);
        Assert.True(cleared.GetProperty("planResumed").GetBoolean());
        var resumed = await person.Client.GetPlanAsync();
        Assert.Equal("active", resumed.GetProperty("status").GetString());
        Assert.Equal(planId, resumed.GetProperty("id").GetString());
        Assert.NotEmpty((await person.Client.GetTodayAsync(Today)).GetProperty("due").EnumerateArray());

        // The person and the clinic see that it was cleared, by whom and for which check-in; the alert is resolved.
        var clearance = Assert.Single(resumed.GetProperty("clearances").EnumerateArray(), c => c.GetProperty("ruleId").GetString() == ruleId);
        Assert.Equal(Today, clearance.GetProperty("checkInDate").GetString());
        Assert.Equal(staff.Person.Email, clearance.GetProperty("clearedBy").GetString());
        Assert.Equal("resolved", Assert.Single(await person.Client.GetAlertsAsync(), a => a.GetProperty("ruleId").GetString() == "E1").GetProperty("status").GetString());
        var entry = Assert.Single(await AuditAsync(staff), e => e.GetProperty("action").GetString() == "clear-findings" && e.GetProperty("outcome").GetString() == "allowed");
        Assert.Equal(patientId, entry.GetProperty("patientId").GetString());
        var detail = entry.GetProperty("detail").GetString()!;
        Assert.Contains($"{ruleId} of the check-in of {Today}", detail, StringComparison.Ordinal);
        var stored = await app.WithDbAsync(db => db.Clearances.SingleAsync(c => c.PatientId == patientId));
        Assert.Contains(stored.CheckInId!.Value.ToString(), detail, StringComparison.Ordinal);
        Assert.Equal(checkIn.GetProperty("id").GetString(), stored.CheckInId.Value.ToString());

        // Logging resumes too.
        await (await person.Client.LogSessionAsync(Bodies.Session("2026-11-26T08:00:00Z", Bodies.Done(resumed.FirstStrengthItem(), 0, 2)))).ExpectAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task CheckInWarningSigns_EverySignReportedWhilePaused_MustBeCleared()
    {
        var staff = await app.NewClinicAsync();
        var (person, patientId) = await app.LinkedPatientAsync(staff);
        await (await person.Client.CheckInAsync(Bodies.CheckIn(Today, 3, true, "spreading-weakness-numbness"))).ExpectAsync(HttpStatusCode.Created);
        // A second sign while paused: its alert (E1) is already open, but it still joins the pause.
        await (await person.Client.CheckInAsync(Bodies.CheckIn(Today, 3, true, "avn-risk-groin-pain"))).ExpectAsync(HttpStatusCode.Created);

        var url = staff.Url($"/patients/{patientId}/clearances");
        var first = await (await staff.Client.PostAsJsonAsync(url, new { ruleIds = new[] { "RF9" } })).ExpectAsync(HttpStatusCode.Created);
        Assert.False(first.GetProperty("planResumed").GetBoolean());
        Assert.Contains(first.GetProperty("stillPausedBecause").Strings(), s => s.StartsWith("RF8", StringComparison.Ordinal));
        Assert.Equal("paused", (await person.Client.GetPlanAsync()).GetProperty("status").GetString());

        var second = await (await staff.Client.PostAsJsonAsync(url, new { ruleIds = new[] { "RF8" } })).ExpectAsync(HttpStatusCode.Created);
        Assert.True(second.GetProperty("planResumed").GetBoolean());
        Assert.Equal("active", (await person.Client.GetPlanAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task CheckInUrgentCareSign_CannotBeClearedByAClinician_AndANewIntakeAfterCareLetsANewPlanBeMade()
    {
        await using var own = new TestApp();
        var staff = await own.NewClinicAsync();
        var (person, patientId) = await own.LinkedPatientAsync(staff);
        await (await person.Client.CheckInAsync(Bodies.CheckIn(Today, 4, true, "hot-swollen-fever"))).ExpectAsync(HttpStatusCode.Created);
        await (await staff.Client.PostAsJsonAsync(staff.Url($"/patients/{patientId}/clearances"), new { ruleIds = new[] { "RF2" } })).ValidationProblemAsync("ruleIds[0]");
        Assert.Contains("get the care", (await person.Client.GetPlanAsync()).GetProperty("pauseNextStep").GetString(), StringComparison.Ordinal);

        // After care, the intake answered again (without the sign) screens afresh, and a new plan can be made.
        own.Clock.Advance(TimeSpan.FromHours(3));
        await own.SignInAgainAsync(person);
        await (await person.Client.PutIntakeAsync(Intakes.Typical())).ExpectAsync(HttpStatusCode.OK);
        var plan = await (await person.Client.PostAsync("/api/v1/me/plan", null)).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("active", plan.GetProperty("status").GetString());
    }
}
