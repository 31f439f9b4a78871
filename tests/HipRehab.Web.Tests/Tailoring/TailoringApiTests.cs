using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

namespace HipRehab.Web.Tests;

/// <summary>Helpers for a clinic's tailoring of a linked person's plan.</summary>
public static class Tailor
{
    private static string ContentFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "content", "exercises");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("content/exercises not found above the test folder.");
    }

    /// <summary>A valid family in the library's file format: the clamshell file under another id.</summary>
    public static JsonNode CustomFamily(string family)
    {
        var text = File.ReadAllText(Path.Combine(ContentFolder(), "clamshell.json"))
            .Replace("\"family\": \"clamshell\"", $"\"family\": \"{family}\"", StringComparison.Ordinal)
            .Replace("\"clamshell-", $"\"{family}-", StringComparison.Ordinal)
            .Replace("\"familyName\": \"Clamshell\"", "\"familyName\": \"Clinic clam\"", StringComparison.Ordinal);
        return JsonNode.Parse(text)!;
    }

    /// <summary>A person who answered the intake (and made a plan when screening allows), linked to the clinic.</summary>
    public static async Task<(Person Person, string PatientId)> LinkedPatientAsync(this TestApp app, Staff staff, object? intake = null, bool plan = true)
    {
        var person = await app.SignUpAsync("patient");
        await (await person.Client.PutIntakeAsync(intake ?? Intakes.Typical())).ExpectAsync(HttpStatusCode.OK);
        if (plan)
        {
            await (await person.Client.PostAsync("/api/v1/me/plan", null)).ExpectAsync(HttpStatusCode.Created);
        }

        await person.LinkAsync(staff);
        return (person, await app.UserIdAsync(person));
    }

    public static JsonElement ItemOfFamily(this JsonElement plan, string family) =>
        plan.Items().Single(i => i.GetProperty("family").GetString() == family);

    public static Task<HttpResponseMessage> PutItemAsync(this Staff staff, string patientId, string itemId, object body) =>
        staff.Client.PutAsJsonAsync(staff.Url($"/patients/{patientId}/plan/items/{itemId}"), body);

    public static async Task<Dictionary<string, List<string>>> DemandsAsync(HttpClient client) =>
        (await (await client.GetAsync("/api/v1/exercises")).ExpectAsync(HttpStatusCode.OK)).EnumerateArray()
        .ToDictionary(e => e.GetProperty("id").GetString()!, e => e.GetProperty("demands").Strings().ToList());
}

/// <summary>
/// Clearance, precautions, tailoring and a clinic's own exercises (issue 4 item 3; clinical-rules
/// §1–§4): each changes the person's plan as described, is recorded in the item's history, and
/// leaves one audit entry.
/// </summary>
public sealed class TailoringApiTests(TestApp app) : IClassFixture<TestApp>
{
    private const string Tuesday = "2026-11-24T08:00:00Z";
    private const string Wednesday = "2026-11-25T08:00:00Z";

    private static Dictionary<string, object?> WithRedFlags(params string[] flags) => Intakes.With("redFlags", flags);

    [Fact]
    public async Task Clearance_OfASeeClinicianSoonFinding_LetsThePersonMakeAPlan_AndShowsWhoCleared()
    {
        var staff = await app.NewClinicAsync();
        var (person, patientId) = await app.LinkedPatientAsync(staff, WithRedFlags("cancer-night-weight-loss"), plan: false);
        var blocked = await (await person.Client.PostAsync("/api/v1/me/plan", null)).ProblemAsync(HttpStatusCode.Conflict);
        Assert.EndsWith("/screening-blocked", blocked.GetProperty("type").GetString(), StringComparison.Ordinal);
        var row = (await (await staff.Client.GetAsync(staff.Url("/patients"))).ExpectAsync(HttpStatusCode.OK)).EnumerateArray()
            .Single(r => r.GetProperty("patientId").GetString() == patientId);
        Assert.Contains("awaiting-clearance", row.GetProperty("reasons").Strings());

        var cleared = await (await staff.Client.PostAsJsonAsync(staff.Url($"/patients/{patientId}/clearances"),
            new { ruleIds = new[] { "RF7" }, note = "Reviewed: known history, recent scan clear." })).ExpectAsync(HttpStatusCode.Created);
        Assert.True(cleared.GetProperty("canMakePlan").GetBoolean());
        Assert.Equal("RF7", cleared.GetProperty("clearances")[0].GetProperty("ruleId").GetString());

        var plan = await (await person.Client.PostAsync("/api/v1/me/plan", null)).ExpectAsync(HttpStatusCode.Created);
        var clearance = Assert.Single(plan.GetProperty("clearances").EnumerateArray());
        Assert.Equal("RF7", clearance.GetProperty("ruleId").GetString());
        Assert.Equal(staff.Person.Email, clearance.GetProperty("clearedBy").GetString());
        Assert.Equal("Riverside Physio", clearance.GetProperty("clinicName").GetString());
        Assert.Contains(plan.GetProperty("advice").EnumerateArray(), a => a.GetProperty("ruleId").GetString() == "RF7");
        var intake = await (await person.Client.GetAsync("/api/v1/me/intake")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(staff.Person.Email, intake.GetProperty("clearances")[0].GetProperty("clearedBy").GetString());

        row = (await (await staff.Client.GetAsync(staff.Url("/patients"))).ExpectAsync(HttpStatusCode.OK)).EnumerateArray()
            .Single(r => r.GetProperty("patientId").GetString() == patientId);
        Assert.DoesNotContain("awaiting-clearance", row.GetProperty("reasons").Strings());
    }

    [Fact]
    public async Task Clearance_OnlyOfRealClearableFindings_Is400NamingTheIndex_AndNeverClearsUrgentCare()
    {
        var staff = await app.NewClinicAsync();
        var (person, patientId) = await app.LinkedPatientAsync(staff, WithRedFlags("cancer-night-weight-loss", "sudden-severe-pain"), plan: false);
        var url = staff.Url($"/patients/{patientId}/clearances");
        await (await staff.Client.PostAsJsonAsync(url, new { ruleIds = new[] { "RF7", "RF5" } })).ValidationProblemAsync("ruleIds[1]");
        await (await staff.Client.PostAsJsonAsync(url, new { ruleIds = new[] { "RF99" } })).ValidationProblemAsync("ruleIds[0]");
        await (await staff.Client.PostAsJsonAsync(url, new { ruleIds = Array.Empty<string>() })).ValidationProblemAsync("ruleIds");
        await (await staff.Client.PostRawAsync(url, """{ "ruleIds": [5] }""")).ValidationProblemAsync("ruleIds[0]");
        await (await staff.Client.PostAsJsonAsync(url, new { ruleIds = new[] { "RF7" }, note = new string('x', 4001) })).ValidationProblemAsync("note");
        Assert.Equal(0, await app.WithDbAsync(db => db.Clearances.CountAsync(c => c.PatientId == patientId)));

        // Clearing the see-clinician-soon finding alone does not lift an urgent-care one.
        var cleared = await (await staff.Client.PostAsJsonAsync(url, new { ruleIds = new[] { "RF7" } })).ExpectAsync(HttpStatusCode.Created);
        Assert.False(cleared.GetProperty("canMakePlan").GetBoolean());
        Assert.Equal("urgent-care", cleared.GetProperty("screeningOutcome").GetString());
        await (await person.Client.PostAsync("/api/v1/me/plan", null)).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Precautions_SwitchBreakingItemsToAnEasierAllowedVersion_OrHoldThem_AndNewPlansObey()
    {
        var staff = await app.NewClinicAsync();
        var (person, patientId) = await app.LinkedPatientAsync(staff);
        var plan = await person.Client.GetPlanAsync();
        var squatId = plan.ItemOfFamily("squat").GetProperty("id").GetString()!;
        var clamId = plan.ItemOfFamily("clamshell").GetProperty("id").GetString()!;
        await (await staff.PutItemAsync(patientId, squatId, new { exerciseId = "squat-to-chair-height" })).ExpectAsync(HttpStatusCode.OK);

        var result = await (await staff.Client.PutAsJsonAsync(staff.Url($"/patients/{patientId}/precautions"),
            new { set = "posterior", forbiddenDemands = new[] { "external-rotation" }, until = "2027-01-15" })).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains("THR-P", result.GetProperty("ruleIds").Strings());
        Assert.Contains("side-lying", result.GetProperty("effectiveForbidden").Strings());
        Assert.NotEmpty(result.GetProperty("changes").EnumerateArray());

        plan = await person.Client.GetPlanAsync();
        var squat = plan.Item(squatId);
        Assert.Equal("squat-mini-holding-chair", squat.GetProperty("exerciseId").GetString());
        var decision = squat.GetProperty("history")[0];
        Assert.Equal("precautions", decision.GetProperty("action").GetString());
        Assert.Contains("THR-P", decision.GetProperty("ruleIds").Strings());
        Assert.Equal("squat-to-chair-height", decision.GetProperty("previous").GetProperty("exerciseId").GetString());
        Assert.Contains("Squat", decision.GetProperty("explanation").GetString(), StringComparison.OrdinalIgnoreCase);

        // No easier clamshell avoids turning the leg out: it is held, not swapped upward.
        var clam = plan.Item(clamId);
        Assert.True(clam.GetProperty("onHold").GetBoolean());
        Assert.Equal("precautions", clam.GetProperty("history")[0].GetProperty("action").GetString());
        var friday = await person.Client.GetTodayAsync("2026-11-27");
        Assert.DoesNotContain(friday.GetProperty("due").EnumerateArray(), i => i.GetProperty("id").GetString() == clamId);
        await (await person.Client.LogSessionAsync(Bodies.Session(Wednesday, Bodies.Done(clam, 0, 2)))).ValidationProblemAsync("exercises[0].planItemId");

        // A new plan obeys the recorded precautions.
        var demands = await Tailor.DemandsAsync(person.Client);
        var fresh = await (await person.Client.PostAsync("/api/v1/me/plan", null)).ExpectAsync(HttpStatusCode.Created);
        string[] forbidden = ["hip-flexion-over-90", "adduction-past-midline", "internal-rotation", "side-lying", "external-rotation"];
        foreach (var item in fresh.Items())
        {
            Assert.Empty(demands[item.GetProperty("exerciseId").GetString()!].Intersect(forbidden));
        }

        Assert.Contains(fresh.GetProperty("advice").EnumerateArray(), a => a.GetProperty("ruleId").GetString() == "THR-P");

        // The clinic sees what is on record, and who recorded it.
        var detail = await (await staff.Client.GetAsync(staff.Url($"/patients/{patientId}"))).ExpectAsync(HttpStatusCode.OK);
        var onRecord = detail.GetProperty("precautions");
        Assert.Equal("posterior", onRecord.GetProperty("set").GetString());
        Assert.Equal(["external-rotation"], onRecord.GetProperty("forbiddenDemands").Strings());
        Assert.Equal("2027-01-15", onRecord.GetProperty("until").GetString());
        Assert.Equal(staff.Person.Email, onRecord.GetProperty("recordedBy").GetString());
    }

    [Theory]
    [InlineData("""{ "set": "sideways", "forbiddenDemands": [] }""", "set")]
    [InlineData("""{ "set": "posterior", "forbiddenDemands": ["flying"] }""", "forbiddenDemands[0]")]
    [InlineData("""{ "set": "custom", "forbiddenDemands": [] }""", "forbiddenDemands")]
    [InlineData("""{ "set": "posterior", "until": "2026-13-01" }""", "until")]
    [InlineData("""{ "set": "posterior", "until": "2026-11-01" }""", "until")]
    [InlineData("""{ "set": "posterior", "until": 5 }""", "until")]
    public async Task Precautions_BadInput_Is400NamingTheField_AndStoresNothing(string body, string field)
    {
        var staff = await app.NewClinicAsync();
        var (_, patientId) = await app.LinkedPatientAsync(staff);
        var request = new HttpRequestMessage(HttpMethod.Put, staff.Url($"/patients/{patientId}/precautions"))
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        await (await staff.Client.SendAsync(request)).ValidationProblemAsync(field);
        Assert.Equal(0, await app.WithDbAsync(db => db.PatientPrecautions.CountAsync(p => p.PatientId == patientId)));
    }

    [Fact]
    public async Task Precautions_ApplyToProgressionAtOnce_NeverSteppingIntoAForbiddenDemand()
    {
        var staff = await app.NewClinicAsync();
        var outcomes = new List<string>();
        foreach (var withPrecautions in new[] { false, true })
        {
            var (person, patientId) = await app.LinkedPatientAsync(staff);
            var clam = (await person.Client.GetPlanAsync()).ItemOfFamily("clamshell");
            var id = clam.GetProperty("id").GetString()!;
            Assert.Equal("clamshell-seated-press-out", clam.GetProperty("exerciseId").GetString());
            // The top of this version's dose: the next step up is the next version, which lies on the side.
            await (await staff.PutItemAsync(patientId, id, new { dose = new { sets = 3, reps = 15, holdSeconds = 10 } })).ExpectAsync(HttpStatusCode.OK);
            if (withPrecautions)
            {
                await (await staff.Client.PutAsJsonAsync(staff.Url($"/patients/{patientId}/precautions"),
                    new { set = "custom", forbiddenDemands = new[] { "side-lying" } })).ExpectAsync(HttpStatusCode.OK);
            }

            foreach (var at in new[] { Tuesday, Wednesday })
            {
                clam = (await person.Client.GetPlanAsync()).Item(id);
                app.Clock.Advance(TimeSpan.FromMinutes(1));
                await (await person.Client.LogSessionAsync(Bodies.Session(at, Bodies.Done(clam, 0, 2)))).ExpectAsync(HttpStatusCode.Created);
            }

            outcomes.Add((await person.Client.GetPlanAsync()).Item(id).GetProperty("exerciseId").GetString()!);
        }

        Assert.Equal("clamshell-small-range", outcomes[0]); // without precautions, it steps up
        Assert.Equal("clamshell-seated-press-out", outcomes[1]); // with them, never into side-lying
    }

    [Fact]
    public async Task Pinned_ItemIsNeverChangedByProgression()
    {
        var staff = await app.NewClinicAsync();
        var (person, patientId) = await app.LinkedPatientAsync(staff);
        var item = (await person.Client.GetPlanAsync()).FirstStrengthItem();
        var id = item.GetProperty("id").GetString()!;
        var pinned = await (await staff.PutItemAsync(patientId, id, new { pinned = true })).ExpectAsync(HttpStatusCode.OK);
        Assert.True(pinned.GetProperty("pinned").GetBoolean());
        Assert.Contains("PL3", pinned.GetProperty("history")[0].GetProperty("ruleIds").Strings());

        foreach (var at in new[] { "2026-11-23T08:00:00Z", Tuesday, Wednesday })
        {
            app.Clock.Advance(TimeSpan.FromMinutes(1));
            var session = await (await person.Client.LogSessionAsync(Bodies.Session(at, Bodies.Done(item, 0, 2)))).ExpectAsync(HttpStatusCode.Created);
            var decision = session.GetProperty("decisions").EnumerateArray().Single(d => d.GetProperty("planItemId").GetString() == id);
            Assert.Equal("hold", decision.GetProperty("action").GetString());
            Assert.Contains("PL3", decision.GetProperty("ruleIds").Strings());
        }

        var after = (await person.Client.GetPlanAsync()).Item(id);
        Assert.Equal(item.GetProperty("exerciseId").GetString(), after.GetProperty("exerciseId").GetString());
        Assert.Equal(item.GetProperty("dose").ToString(), after.GetProperty("dose").ToString());
    }

    [Fact]
    public async Task TailorItem_SwapAndDose_IsARecordedDecision_BumpsRevision_AndShowsInPlanAndToday()
    {
        var staff = await app.NewClinicAsync();
        var (person, patientId) = await app.LinkedPatientAsync(staff);
        var squat = (await person.Client.GetPlanAsync()).ItemOfFamily("squat");
        var id = squat.GetProperty("id").GetString()!;
        var revision = await app.WithDbAsync(db => db.PlanItems.Where(i => i.Id == Guid.Parse(id)).Select(i => i.Revision).SingleAsync());

        var changed = await (await staff.PutItemAsync(patientId, id, new { exerciseId = "squat-sit-to-stand-no-arms", dose = new { sets = 2, reps = 12 } }))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("squat-sit-to-stand-no-arms", changed.GetProperty("exerciseId").GetString());
        Assert.True(await app.WithDbAsync(db => db.PlanItems.Where(i => i.Id == Guid.Parse(id)).Select(i => i.Revision).SingleAsync()) > revision);

        var item = (await person.Client.GetPlanAsync()).Item(id);
        Assert.Equal(2, item.GetProperty("dose").GetProperty("sets").GetInt32());
        Assert.Equal(12, item.GetProperty("dose").GetProperty("reps").GetInt32());
        var decision = item.GetProperty("history")[0];
        Assert.Equal("tailored", decision.GetProperty("action").GetString());
        Assert.Contains("PL5", decision.GetProperty("ruleIds").Strings());
        Assert.Equal(JsonValueKind.Null, decision.GetProperty("sessionId").ValueKind);
        Assert.Equal(staff.Person.Email, decision.GetProperty("by").GetString());
        Assert.Equal(squat.GetProperty("exerciseId").GetString(), decision.GetProperty("previous").GetProperty("exerciseId").GetString());
        Assert.Contains("therapist", decision.GetProperty("explanation").GetString(), StringComparison.Ordinal);

        var catalogue = (await (await person.Client.GetAsync("/api/v1/rules")).ExpectAsync(HttpStatusCode.OK)).EnumerateArray()
            .Select(r => r.GetProperty("id").GetString()).ToHashSet();
        Assert.Contains("PL5", catalogue);

        var day = item.GetProperty("days")[0].GetString()!;
        var date = Enumerable.Range(0, 7).Select(d => new DateOnly(2026, 11, 26).AddDays(d)).First(d => string.Equals(d.DayOfWeek.ToString(), day, StringComparison.OrdinalIgnoreCase));
        var today = await person.Client.GetTodayAsync(date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        var due = today.GetProperty("due").EnumerateArray().Single(i => i.GetProperty("id").GetString() == id);
        Assert.Equal("squat-sit-to-stand-no-arms", due.GetProperty("exerciseId").GetString());
    }

    [Theory]
    [InlineData("""{ "dose": { "sets": 9 } }""", "dose.sets")]
    [InlineData("""{ "dose": { "reps": 99 } }""", "dose.reps")]
    [InlineData("""{ "dose": { "band": "purple" } }""", "dose.band")]
    [InlineData("""{ "dose": { "daysPerWeek": 0 } }""", "dose.daysPerWeek")]
    [InlineData("""{ "dose": { "perSide": true } }""", "dose.perSide")]
    [InlineData("""{ "exerciseId": "calf-stretch-wall" }""", "exerciseId")]
    [InlineData("""{ "exerciseId": "no-such-exercise" }""", "exerciseId")]
    [InlineData("""{ "pinned": "yes" }""", "pinned")]
    public async Task TailorItem_BadInput_Is400NamingTheField_AndChangesNothing(string body, string field)
    {
        var staff = await app.NewClinicAsync();
        var (person, patientId) = await app.LinkedPatientAsync(staff);
        var squat = (await person.Client.GetPlanAsync()).ItemOfFamily("squat");
        var request = new HttpRequestMessage(HttpMethod.Put, staff.Url($"/patients/{patientId}/plan/items/{squat.GetProperty("id").GetString()}"))
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        await (await staff.Client.SendAsync(request)).ValidationProblemAsync(field);
        Assert.Equal(squat.ToString(), (await person.Client.GetPlanAsync()).Item(squat.GetProperty("id").GetString()!).ToString());
    }

    [Fact]
    public async Task TailorItem_IntoAForbiddenMovement_Is409WithRuleIds()
    {
        var staff = await app.NewClinicAsync();
        var (person, patientId) = await app.LinkedPatientAsync(staff);
        await (await staff.Client.PutAsJsonAsync(staff.Url($"/patients/{patientId}/precautions"), new { set = "posterior" })).ExpectAsync(HttpStatusCode.OK);
        var squat = (await person.Client.GetPlanAsync()).ItemOfFamily("squat");
        var problem = await (await staff.PutItemAsync(patientId, squat.GetProperty("id").GetString()!, new { exerciseId = "squat-to-chair-height" }))
            .ProblemAsync(HttpStatusCode.Conflict);
        Assert.EndsWith("/unsafe-exercise", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Contains("THR-P", problem.GetProperty("ruleIds").Strings());
        Assert.Equal(squat.GetProperty("exerciseId").GetString(), (await person.Client.GetPlanAsync()).ItemOfFamily("squat").GetProperty("exerciseId").GetString());
    }

    [Fact]
    public async Task CustomExercise_ValidatedLikeTheLibrary_SeenOnlyByItsClinic_AndAddedToAPlan()
    {
        var staff = await app.NewClinicAsync();
        var other = await app.NewClinicAsync("Other Physio");
        var family = "clinic-clam-" + Guid.NewGuid().ToString("N")[..6];

        var broken = Tailor.CustomFamily(family);
        broken["variants"]![0]!.AsObject().Remove("name");
        await (await staff.Client.PostAsJsonAsync(staff.Url("/exercises"), broken)).ValidationProblemAsync("variants[0].name");
        var badDemand = Tailor.CustomFamily(family);
        badDemand["variants"]![1]!["demands"] = new JsonArray("flying");
        await (await staff.Client.PostAsJsonAsync(staff.Url("/exercises"), badDemand)).ValidationProblemAsync("variants[1].demands[0]");
        await (await staff.Client.PostAsJsonAsync(staff.Url("/exercises"), Tailor.CustomFamily("clamshell"))).ValidationProblemAsync("family");

        var created = await (await staff.Client.PostAsJsonAsync(staff.Url("/exercises"), Tailor.CustomFamily(family))).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(family, created.GetProperty("family").GetString());
        Assert.Equal(5, created.GetProperty("variants").GetArrayLength());
        await (await staff.Client.PostAsJsonAsync(staff.Url("/exercises"), Tailor.CustomFamily(family))).ValidationProblemAsync("family");

        var mine = await (await staff.Client.GetAsync(staff.Url("/exercises"))).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(mine.EnumerateArray(), e => e.GetProperty("family").GetString() == family);
        await (await other.Client.GetAsync(staff.Url("/exercises"))).ProblemAsync(HttpStatusCode.NotFound);
        Assert.DoesNotContain((await (await other.Client.GetAsync(other.Url("/exercises"))).ExpectAsync(HttpStatusCode.OK)).EnumerateArray(),
            e => e.GetProperty("family").GetString() == family);
        await (await app.CreateClient().GetAsync($"/api/v1/exercises/{family}-seated-press-out")).ProblemAsync(HttpStatusCode.NotFound);

        // Usable for this clinic's patients, not another clinic's.
        var (patient, patientId) = await app.LinkedPatientAsync(staff);
        var added = await (await staff.Client.PostAsJsonAsync(staff.Url($"/patients/{patientId}/plan/items"), new { exerciseId = $"{family}-seated-press-out" }))
            .ExpectAsync(HttpStatusCode.Created);
        var plan = await patient.Client.GetPlanAsync();
        var item = plan.Item(added.GetProperty("id").GetString()!);
        Assert.Equal(family, item.GetProperty("family").GetString());
        Assert.Equal("tailored", item.GetProperty("history")[0].GetProperty("action").GetString());
        Assert.Equal(JsonValueKind.Null, item.GetProperty("history")[0].GetProperty("previous").ValueKind);

        Assert.Equal("Clinic clam", item.GetProperty("familyName").GetString());
        Assert.Equal(1, item.GetProperty("level").GetInt32());

        // The person logs it, and progression follows the clinic's own ladder.
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var first = await (await patient.Client.LogSessionAsync(Bodies.Session(Tuesday, Bodies.Done(item, 0, 2)))).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("hold", first.GetProperty("decisions")[0].GetProperty("action").GetString());
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await (await patient.Client.LogSessionAsync(Bodies.Session(Wednesday, Bodies.Done(item, 0, 2)))).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("progress", second.GetProperty("decisions")[0].GetProperty("action").GetString());
        var today = await patient.Client.GetTodayAsync("2026-11-27");
        Assert.Contains(today.GetProperty("due").EnumerateArray(), i => i.GetProperty("familyName").GetString() == "Clinic clam");

        var (_, otherPatientId) = await app.LinkedPatientAsync(other);
        await (await other.Client.PostAsJsonAsync(other.Url($"/patients/{otherPatientId}/plan/items"), new { exerciseId = $"{family}-seated-press-out" }))
            .ValidationProblemAsync("exerciseId");
    }

    [Fact]
    public async Task AddItem_ThatBreaksTheirNeeds_Is409WithRuleIds_AndAFamilyAlreadyThereIs400()
    {
        var staff = await app.NewClinicAsync();
        // Cannot get down to the floor and has no bed: nothing lying down (CX1).
        var intake = Intakes.With("abilities", new Dictionary<string, object?> { ["getDownToFloor"] = false, ["kneel"] = true, ["standWithoutSupport"] = true });
        intake["equipment"] = new[] { "chair", "wall", "resistance-band", "anchor-point", "strap", "step", "ankle-weight" };
        var (person, patientId) = await app.LinkedPatientAsync(staff, intake);
        var plan = await person.Client.GetPlanAsync();
        Assert.Contains(plan.GetProperty("excluded").EnumerateArray(), e => e.GetProperty("family").GetString() == "glute-bridge");
        var problem = await (await staff.Client.PostAsJsonAsync(staff.Url($"/patients/{patientId}/plan/items"), new { exerciseId = "glute-bridge-squeeze-hold" }))
            .ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("CX1", problem.GetProperty("ruleIds").Strings());
        await (await staff.Client.PostAsJsonAsync(staff.Url($"/patients/{patientId}/plan/items"), new { exerciseId = "squat-sit-to-stand-no-arms" }))
            .ValidationProblemAsync("exerciseId");
        Assert.Equal(plan.Items().Count(), (await person.Client.GetPlanAsync()).Items().Count());
    }

    [Fact]
    public async Task EveryTailoringCall_LeavesExactlyOneAuditEntry_DenialsIncluded()
    {
        var staff = await app.NewClinicAsync();
        var (person, patientId) = await app.LinkedPatientAsync(staff, WithRedFlags("cancer-night-weight-loss"), plan: false);
        var before = await app.AuditCountAsync();
        await (await staff.Client.PostAsJsonAsync(staff.Url($"/patients/{patientId}/clearances"), new { ruleIds = new[] { "RF5" } })).ValidationProblemAsync("ruleIds[0]");
        await (await staff.Client.PostAsJsonAsync(staff.Url($"/patients/{patientId}/clearances"), new { ruleIds = new[] { "RF7" } })).ExpectAsync(HttpStatusCode.Created);
        var plan = await (await person.Client.PostAsync("/api/v1/me/plan", null)).ExpectAsync(HttpStatusCode.Created);
        await (await staff.Client.PutAsJsonAsync(staff.Url($"/patients/{patientId}/precautions"), new { set = "lateral" })).ExpectAsync(HttpStatusCode.OK);
        await (await staff.PutItemAsync(patientId, plan.Items().First().GetProperty("id").GetString()!, new { pinned = true })).ExpectAsync(HttpStatusCode.OK);
        await (await staff.PutItemAsync(patientId, Guid.NewGuid().ToString(), new { pinned = true })).ProblemAsync(HttpStatusCode.NotFound);
        await (await staff.Client.GetAsync(staff.Url("/exercises"))).ExpectAsync(HttpStatusCode.OK);
        var noSecondFactor = await app.AddStaffAsync(staff, "clinician", secondFactor: false);
        await (await noSecondFactor.Client.PutAsJsonAsync(staff.Url($"/patients/{patientId}/precautions"), new { set = "posterior" })).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(before + 7, await app.AuditCountAsync());
        var outcomes = await app.WithDbAsync(db => db.AuditEntries.OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(7).Select(a => a.Outcome).ToListAsync());
        Assert.Contains("denied-two-factor-required", outcomes);
        Assert.Contains("denied-not-found", outcomes);
        Assert.Contains("denied-invalid-input", outcomes);
    }

    [Fact]
    public async Task ForeignIdsInABody_AreIgnored()
    {
        var staff = await app.NewClinicAsync();
        var otherClinic = await app.NewClinicAsync("Other Physio");
        var (_, patientId) = await app.LinkedPatientAsync(staff);
        var (_, otherPatientId) = await app.LinkedPatientAsync(otherClinic);
        await (await staff.Client.PutAsJsonAsync(staff.Url($"/patients/{patientId}/precautions"),
            new { set = "posterior", patientId = otherPatientId, clinicId = otherClinic.ClinicId })).ExpectAsync(HttpStatusCode.OK);
        var stored = await app.WithDbAsync(db => db.PatientPrecautions.Select(p => new { p.PatientId, p.ClinicId })
            .Where(p => p.PatientId == patientId || p.PatientId == otherPatientId).ToListAsync());
        var row = Assert.Single(stored);
        Assert.Equal(patientId, row.PatientId);
        Assert.Equal(Guid.Parse(staff.ClinicId), row.ClinicId);
    }
}
