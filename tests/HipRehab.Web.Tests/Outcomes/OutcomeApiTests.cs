namespace HipRehab.Web.Tests;

/// <summary>Outcome bodies and calls for tests.</summary>
public static class Outcomes
{
    public static object Value(string instrument, string date, int value) => new { instrument, date, value };

    public static object Seconds(string instrument, string date, decimal seconds) => new { instrument, date, seconds };

    public static object Psfs(string date, params int[] scores) =>
        new { instrument = "psfs", date, activities = scores.Select((s, i) => new { name = $"activity {i + 1}", score = s }).ToArray() };

    public static Task<HttpResponseMessage> RecordAsync(this HttpClient client, object body) => client.PostAsJsonAsync("/api/v1/me/outcomes", body);

    /// <summary>Records a result; asserts 201 and returns it.</summary>
    public static async Task<JsonElement> RecordOkAsync(this HttpClient client, object body) =>
        await (await client.RecordAsync(body)).ExpectAsync(HttpStatusCode.Created);

    public static JsonElement Interpretation(this JsonElement outcome) => outcome.GetProperty("interpretation");

    public static decimal? Dec(this JsonElement e, string name) => e.GetProperty(name).ValueKind == JsonValueKind.Null ? null : e.GetProperty(name).GetDecimal();

    public static bool? Bool(this JsonElement e, string name) => e.GetProperty(name).ValueKind == JsonValueKind.Null ? null : e.GetProperty(name).GetBoolean();
}

/// <summary>
/// Outcome measures over HTTP (docs/clinical-rules.md §5, OM1–OM7): each instrument recorded and interpreted
/// with its rule IDs, change against the first result, 400s that name the field, and no one else's
/// results. Core's tests cover every threshold; these are spot checks of the wiring.
/// </summary>
public sealed class OutcomeApiTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task Nprs_FirstIsTheBaseline_ThenTwoPointsBetterIsMeaningful_AndOnePointIsNot()
    {
        var (person, _) = await app.SignUpWithPlanAsync();
        var first = await person.Client.RecordOkAsync(Outcomes.Value("nprs", "2026-11-01", 6));
        Assert.Equal("nprs", first.GetProperty("instrument").GetString());
        Assert.Equal("2026-11-01", first.GetProperty("date").GetString());
        Assert.Equal(6m, first.GetProperty("score").GetDecimal());
        Assert.Equal(["OM1"], first.Interpretation().GetProperty("ruleIds").Strings());
        Assert.Contains("6 out of 10", first.Interpretation().GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Null(first.Interpretation().Dec("change"));
        Assert.Null(first.Interpretation().Bool("meaningful"));

        var better = await person.Client.RecordOkAsync(Outcomes.Value("nprs", "2026-11-26", 4));
        Assert.Equal(-2m, better.Interpretation().Dec("change"));
        Assert.Equal(6m, better.Interpretation().Dec("baseline"));
        Assert.True(better.Interpretation().Bool("meaningful"));
        Assert.Equal("better", better.Interpretation().GetProperty("direction").GetString());

        // 1 point and 17 %: under both of OM1's marks.
        var little = await person.Client.RecordOkAsync(Outcomes.Value("nprs", "2026-11-20", 5));
        Assert.Equal(-1m, little.Interpretation().Dec("change"));
        Assert.False(little.Interpretation().Bool("meaningful"));
    }

    [Fact]
    public async Task Nprs_ThirtyPercentBetter_IsMeaningful_EvenUnderTwoPoints()
    {
        var (person, _) = await app.SignUpWithPlanAsync();
        await person.Client.RecordOkAsync(Outcomes.Value("nprs", "2026-11-01", 3));
        var later = await person.Client.RecordOkAsync(Outcomes.Value("nprs", "2026-11-26", 2));
        Assert.Equal(-1m, later.Interpretation().Dec("change"));
        Assert.True(later.Interpretation().Bool("meaningful"));
    }

    [Fact]
    public async Task Psfs_ScoreIsTheMeanOfTheActivities_AndAChangeOf1Point33IsSmallButMeaningful()
    {
        var (person, _) = await app.SignUpWithPlanAsync();
        var first = await person.Client.RecordOkAsync(Outcomes.Psfs("2026-11-02", 4, 5, 6));
        Assert.Equal(5m, first.GetProperty("score").GetDecimal());
        Assert.Equal(3, first.GetProperty("activities").GetArrayLength());
        Assert.Equal(["OM2"], first.Interpretation().GetProperty("ruleIds").Strings());

        var later = await person.Client.RecordOkAsync(Outcomes.Psfs("2026-11-26", 6, 6, 7));
        Assert.Equal(6.33m, later.GetProperty("score").GetDecimal());
        Assert.Equal(1.33m, later.Interpretation().Dec("change"));
        Assert.True(later.Interpretation().Bool("meaningful"));
        Assert.Equal("small", later.Interpretation().GetProperty("size").GetString());

        var medium = await person.Client.RecordOkAsync(Outcomes.Psfs("2026-11-26", 7, 7, 8));
        Assert.Equal(2.33m, medium.Interpretation().Dec("change"));
        Assert.Equal("medium", medium.Interpretation().GetProperty("size").GetString());
    }

    [Theory]
    // Born 1958, tested in 2026: 68, women 65–69 manage 11–16 (OM5).
    [InlineData(1958, "female", 10, 11, 16, "below", true)]
    [InlineData(1958, "female", 16, 11, 16, "within", false)]
    [InlineData(1958, "female", 17, 11, 16, "above", false)]
    // Born 1950: 76, men 75–79 manage 11–17.
    [InlineData(1950, "male", 11, 11, 17, "within", false)]
    public async Task ChairStand_IsComparedWithTheAgeAndSexNormOfTheIntake(int birthYear, string sex, int stands, int low, int high, string band, bool belowNorm)
    {
        var intake = Intakes.Typical();
        intake["birthYear"] = birthYear;
        intake["sex"] = sex;
        var (person, _) = await app.SignUpWithPlanAsync(intake: intake);
        var result = await person.Client.RecordOkAsync(Outcomes.Value("chair-stand-30s", "2026-11-26", stands));
        var meaning = result.Interpretation();
        Assert.Equal(low, meaning.GetProperty("normLow").GetInt32());
        Assert.Equal(high, meaning.GetProperty("normHigh").GetInt32());
        Assert.Equal(band, meaning.GetProperty("band").GetString());
        Assert.Equal(["OM5"], meaning.GetProperty("ruleIds").Strings());
        Assert.Equal(belowNorm, meaning.GetProperty("text").GetString()!.Contains("below that range", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ChairStand_WithoutAnIntake_HasNoNormBand_AndSaysSoKindly()
    {
        var person = await app.SignUpAsync();
        var meaning = (await person.Client.RecordOkAsync(Outcomes.Value("chair-stand-30s", "2026-11-26", 12))).Interpretation();
        Assert.Null(meaning.Dec("normLow"));
        Assert.Equal(JsonValueKind.Null, meaning.GetProperty("band").ValueKind);
        Assert.Contains("follow your own numbers", meaning.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pgic_Sane_AndFastWalk_AreInterpretedWithTheirRules()
    {
        var (person, _) = await app.SignUpWithPlanAsync();
        var pgic = (await person.Client.RecordOkAsync(Outcomes.Value("pgic", "2026-11-26", 2))).Interpretation();
        Assert.True(pgic.Bool("responder"));
        Assert.Equal(["OM3"], pgic.GetProperty("ruleIds").Strings());
        Assert.False((await person.Client.RecordOkAsync(Outcomes.Value("pgic", "2026-11-26", 3))).Interpretation().Bool("responder"));

        await person.Client.RecordOkAsync(Outcomes.Value("sane", "2026-11-01", 60));
        var sane = (await person.Client.RecordOkAsync(Outcomes.Value("sane", "2026-11-26", 70))).Interpretation();
        Assert.Equal(10m, sane.Dec("change"));
        Assert.Equal("better", sane.GetProperty("direction").GetString());
        Assert.Null(sane.Bool("meaningful")); // OM4: trend only

        var walk = (await person.Client.RecordOkAsync(Outcomes.Seconds("fast-walk-40m", "2026-11-26", 25m))).Interpretation();
        Assert.Equal(1.6m, walk.Dec("speedMetresPerSecond"));
        Assert.Equal(["OM7"], walk.GetProperty("ruleIds").Strings());
    }

    [Theory]
    [InlineData("11.99", false)]
    [InlineData("12", true)]
    public async Task Tug_TwelveSecondsOrMore_IsFallRisk_AndCitesCX3(string seconds, bool fallRisk)
    {
        var (person, _) = await app.SignUpWithPlanAsync();
        var meaning = (await person.Client.RecordOkAsync(Outcomes.Seconds("tug", "2026-11-26", decimal.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture)))).Interpretation();
        Assert.Equal(fallRisk, meaning.GetProperty("fallRisk").GetBoolean());
        Assert.Equal(fallRisk, meaning.GetProperty("ruleIds").Strings().Contains("CX3"));
    }

    [Fact]
    public async Task Tug_FallRisk_MovesTheCurrentPlanToSupportedVersions_NewPlansFollowIt_AndAFasterTugLiftsIt()
    {
        var staff = await app.NewClinicAsync();
        var (person, patientId) = await app.LinkedPatientAsync(staff);
        var plan = await person.Client.GetPlanAsync();
        var squatId = plan.ItemOfFamily("squat").GetProperty("id").GetString()!;
        // The clinic moves the squat to a version done standing without holding on.
        await (await staff.PutItemAsync(patientId, squatId, new { exerciseId = "squat-sit-to-stand-no-arms" })).ExpectAsync(HttpStatusCode.OK);
        var exercises = (await (await person.Client.GetAsync("/api/v1/exercises")).ExpectAsync(HttpStatusCode.OK)).EnumerateArray()
            .ToDictionary(e => e.GetProperty("id").GetString()!, e => e);
        bool Unsupported(JsonElement item)
        {
            var e = exercises[item.GetProperty("exerciseId").GetString()!];
            return !e.GetProperty("supported").GetBoolean() && e.GetProperty("demands").Strings().Any(d => d is "standing" or "single-leg-stance");
        }

        Assert.Contains((await person.Client.GetPlanAsync()).Items(), Unsupported);

        await person.Client.RecordOkAsync(Outcomes.Seconds("tug", "2026-11-26", 12.4m));

        plan = await person.Client.GetPlanAsync();
        Assert.DoesNotContain(plan.Items(), Unsupported);
        var squat = plan.Item(squatId);
        Assert.Equal("squat-sit-to-stand-arm-push", squat.GetProperty("exerciseId").GetString());
        var decision = squat.GetProperty("history")[0];
        Assert.Contains("CX3", decision.GetProperty("ruleIds").Strings());
        Assert.StartsWith("Your Timed Up and Go took 12.4 seconds", decision.GetProperty("explanation").GetString(), StringComparison.Ordinal);
        // Today's items are the plan's items: Wednesday's squat is the supported one.
        var wednesday = await person.Client.GetTodayAsync("2026-11-25");
        Assert.Contains(wednesday.GetProperty("due").EnumerateArray(), i => i.GetProperty("exerciseId").GetString() == "squat-sit-to-stand-arm-push");

        // The clinic cannot put the unsupported version back while the fall risk stands.
        var refused = await (await staff.PutItemAsync(patientId, squatId, new { exerciseId = "squat-sit-to-stand-no-arms" })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.EndsWith("/unsafe-exercise", refused.GetProperty("type").GetString(), StringComparison.Ordinal);

        // A new plan follows it too, with CX3's balance advice.
        var fresh = await (await person.Client.PostAsync("/api/v1/me/plan", null)).ExpectAsync(HttpStatusCode.Created);
        Assert.DoesNotContain(fresh.Items(), Unsupported);
        Assert.Contains(fresh.GetProperty("advice").EnumerateArray(), a => a.GetProperty("ruleId").GetString() == "CX3");

        // A later, faster TUG lifts it: the clinic may choose the unsupported version again.
        await person.Client.RecordOkAsync(Outcomes.Seconds("tug", "2026-11-26", 9.5m));
        var freshSquat = fresh.ItemOfFamily("squat").GetProperty("id").GetString()!;
        await (await staff.PutItemAsync(patientId, freshSquat, new { exerciseId = "squat-sit-to-stand-no-arms" })).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task List_IsNewestFirstByTheDateMeasured_AndABackEnteredResultIsTheBaseline()
    {
        var (person, _) = await app.SignUpWithPlanAsync();
        await person.Client.RecordOkAsync(Outcomes.Value("nprs", "2026-11-20", 5));
        await person.Client.RecordOkAsync(Outcomes.Value("sane", "2026-11-26", 50));
        // Typed in last, from a paper record: it counts on its own date, and as the first NPRS.
        await person.Client.RecordOkAsync(Outcomes.Value("nprs", "2026-06-01", 8));
        var list = await (await person.Client.GetAsync("/api/v1/me/outcomes")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["2026-11-26", "2026-11-20", "2026-06-01"], list.EnumerateArray().Select(o => o.GetProperty("date").GetString()));
        var nprs = list[1];
        Assert.Equal(8m, nprs.Interpretation().Dec("baseline"));
        Assert.Equal(-3m, nprs.Interpretation().Dec("change"));
        Assert.True(nprs.Interpretation().Bool("meaningful"));
        Assert.Null(list[2].Interpretation().Dec("change"));

        var one = await (await person.Client.GetAsync($"/api/v1/me/outcomes/{nprs.GetProperty("id").GetString()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(-3m, one.Interpretation().Dec("change"));
    }

    public static TheoryData<string, string> BadBodies() => new()
    {
        { """{ "instrument": "psfs", "date": "2026-11-26", "activities": [{ "name": "stairs", "score": 3 }, { "name": "socks", "score": 4 }] }""", "activities" },
        { """{ "instrument": "psfs", "date": "2026-11-26", "activities": [{ "name": "a", "score": 1 }, { "name": "b", "score": 1 }, { "name": "c", "score": 1 }, { "name": "d", "score": 1 }, { "name": "e", "score": 1 }, { "name": "f", "score": 1 }] }""", "activities" },
        { """{ "instrument": "psfs", "date": "2026-11-26", "activities": [{ "name": "a", "score": 1 }, { "name": "b", "score": 11 }, { "name": "c", "score": 1 }] }""", "activities[1].score" },
        { """{ "instrument": "nprs", "date": "2026-11-26", "value": 11 }""", "value" },
        { """{ "instrument": "nprs", "date": "2026-11-26" }""", "value" },
        { """{ "instrument": "pgic", "date": "2026-11-26", "value": 0 }""", "value" },
        { """{ "instrument": "sane", "date": "2026-11-26", "value": 101 }""", "value" },
        { """{ "instrument": "chair-stand-30s", "date": "2026-11-26", "value": -1 }""", "value" },
        { """{ "instrument": "tug", "date": "2026-11-26", "seconds": 0 }""", "seconds" },
        { """{ "instrument": "fast-walk-40m", "date": "2026-11-26", "seconds": 601 }""", "seconds" },
        { """{ "instrument": "hoos-jr", "date": "2026-11-26", "value": 3 }""", "instrument" },
        { """{ "date": "2026-11-26", "value": 3 }""", "instrument" },
        { """{ "instrument": "nprs", "date": "2026-11-27", "value": 3 }""", "date" },
        { """{ "instrument": "nprs", "date": "2025-11-25", "value": 3 }""", "date" },
        { """{ "instrument": "nprs", "value": 3 }""", "date" },
        { """{ "instrument": "nprs", "date": "2026-13-01", "value": 3 }""", "date" },
        { """{ "instrument": "nprs", "date": "2026-11-26", "value": "high" }""", "value" },
        { """{ "instrument": "nprs", "date": "2026-11-26", "value": 3.5 }""", "value" },
        { """{ "instrument": "nprs", "date": "2026-11-26", "value": 3""", "value" },
        { "not json at all", "body" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task BadInput_Is400NamingTheField_AndStoresNothing(string json, string field)
    {
        var (person, _) = await app.SignUpWithPlanAsync();
        await (await person.Client.PostRawAsync("/api/v1/me/outcomes", json)).ValidationProblemAsync(field);
        Assert.Equal(0, (await (await person.Client.GetAsync("/api/v1/me/outcomes")).ExpectAsync(HttpStatusCode.OK)).GetArrayLength());
    }

    [Fact]
    public async Task AnotherPersonsResults_AreNeitherListedNorReadable()
    {
        var (owner, _) = await app.SignUpWithPlanAsync("owner");
        var (other, _) = await app.SignUpWithPlanAsync("other");
        var mine = await owner.Client.RecordOkAsync(Outcomes.Value("nprs", "2026-11-26", 7));
        await other.Client.RecordOkAsync(Outcomes.Value("nprs", "2026-11-25", 2));

        var id = mine.GetProperty("id").GetString();
        await (await other.Client.GetAsync($"/api/v1/me/outcomes/{id}")).ProblemAsync(HttpStatusCode.NotFound);
        var theirs = await (await other.Client.GetAsync("/api/v1/me/outcomes")).ExpectAsync(HttpStatusCode.OK);
        var only = Assert.Single(theirs.EnumerateArray());
        Assert.NotEqual(id, only.GetProperty("id").GetString());
        // The other person's first NPRS is their own 2, not the owner's 7.
        Assert.Null(only.Interpretation().Dec("change"));
        await (await owner.Client.GetAsync($"/api/v1/me/outcomes/{id}")).ExpectAsync(HttpStatusCode.OK);
        await (await app.CreateClient().GetAsync("/api/v1/me/outcomes")).ExpectAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Due_WithoutAPlan_IsNothing()
    {
        var person = await app.SignUpAsync();
        var due = await (await person.Client.GetAsync("/api/v1/me/outcomes/due")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, due.GetProperty("planStart").ValueKind);
        Assert.Empty(due.GetProperty("due").EnumerateArray());
    }

    [Fact]
    public async Task Due_AtBaseline_Week6_AndWeek12_FromThePlanStart()
    {
        // The plan starts today, Thursday 2026-11-26.
        var (person, _) = await app.SignUpWithPlanAsync();
        static async Task<JsonElement> DueAsync(Person p, string date) =>
            await (await p.Client.GetAsync($"/api/v1/me/outcomes/due?date={date}")).ExpectAsync(HttpStatusCode.OK);
        static List<string> Names(JsonElement due, string kind) =>
            [.. due.GetProperty("due").EnumerateArray().Where(d => d.GetProperty("kind").GetString() == kind).Select(d => d.GetProperty("instrument").GetString()!)];

        var start = await DueAsync(person, "2026-11-26");
        Assert.Equal("2026-11-26", start.GetProperty("planStart").GetString());
        Assert.Equal(0, start.GetProperty("week").GetInt32());
        Assert.Equal(["psfs", "sane", "chair-stand-30s"], Names(start, "due"));
        Assert.Equal(["tug", "fast-walk-40m"], Names(start, "when-helper-present"));
        Assert.All(start.GetProperty("due").EnumerateArray(), d => Assert.Contains("OS1", d.GetProperty("ruleIds").Strings()));

        // Done at the start: no longer due then, but due again at week 6 (PGIC joins from week 6).
        await person.Client.RecordOkAsync(Outcomes.Psfs("2026-11-26", 3, 4, 5));
        Assert.Equal(["sane", "chair-stand-30s"], Names(await DueAsync(person, "2026-11-26"), "due"));

        var week5 = await DueAsync(person, "2027-01-06");
        Assert.Equal(0, week5.GetProperty("week").GetInt32());
        var week6 = await DueAsync(person, "2027-01-07");
        Assert.Equal(6, week6.GetProperty("week").GetInt32());
        Assert.Equal("2027-01-07", week6.GetProperty("due")[0].GetProperty("dueDate").GetString());
        Assert.Equal(["psfs", "sane", "chair-stand-30s", "pgic"], Names(week6, "due"));

        var week12 = await DueAsync(person, "2027-02-18");
        Assert.Equal(12, week12.GetProperty("week").GetInt32());
        Assert.Equal(["psfs", "sane", "chair-stand-30s", "pgic"], Names(week12, "due"));

        await (await person.Client.GetAsync("/api/v1/me/outcomes/due?date=26-11-2026")).ValidationProblemAsync("date");
        await (await person.Client.GetAsync("/api/v1/me/outcomes/due?date=2028-01-01")).ValidationProblemAsync("date");
    }
}
