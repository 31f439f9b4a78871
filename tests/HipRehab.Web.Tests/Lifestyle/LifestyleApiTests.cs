namespace HipRehab.Web.Tests;

/// <summary>
/// Weight and activity (docs/clinical-rules.md §7): BMI from the intake's height, change from the intake's
/// weight, a supportive offer at a BMI of 25 or more that never limits care (L1, L2), and weekly
/// minutes against 150 counted by each entry's own date (L3).
/// </summary>
public sealed class LifestyleApiTests(TestApp app) : IClassFixture<TestApp>
{
    private static Task<HttpResponseMessage> WeighAsync(Person person, object body) => person.Client.PostAsJsonAsync("/api/v1/me/body-measurements", body);

    private static Task<HttpResponseMessage> MoveAsync(Person person, object body) => person.Client.PostAsJsonAsync("/api/v1/me/activity", body);

    [Fact]
    public async Task Weight_Is201_WithBmiFromTheIntakesHeight_AndChangeFromTheIntakesWeight()
    {
        // The intake: 165 cm, 80 kg.
        var (person, _) = await app.SignUpWithPlanAsync();
        var created = await (await WeighAsync(person, new { date = "2026-11-20", weightKg = 76 })).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(76m, created.GetProperty("weightKg").GetDecimal());
        var summary = created.GetProperty("summary");
        Assert.Equal(27.9m, summary.GetProperty("bmi").GetDecimal());             // 76 / 1.65²
        Assert.Equal(-5.0m, summary.GetProperty("weightChangePercent").GetDecimal()); // (76 − 80) / 80
        Assert.True(summary.GetProperty("supportOffered").GetBoolean());
        Assert.Equal(["L1", "L2"], summary.GetProperty("ruleIds").Strings());
        Assert.Contains("5 % goal", summary.GetProperty("text").GetString(), StringComparison.Ordinal);

        // A back-entered older weight does not replace the latest by date.
        await (await WeighAsync(person, new { date = "2026-11-01", weightKg = 79.456 })).ExpectAsync(HttpStatusCode.Created);
        var list = await (await person.Client.GetAsync("/api/v1/me/body-measurements")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["2026-11-20", "2026-11-01"], list.EnumerateArray().Select(m => m.GetProperty("date").GetString()));
        Assert.Equal(79.46m, list[1].GetProperty("weightKg").GetDecimal()); // kept to 0.01 kg on both providers
        var progress = await (await person.Client.GetAsync("/api/v1/me/progress")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(27.9m, progress.GetProperty("bmi").GetDecimal());
        Assert.Equal(-5.0m, progress.GetProperty("weightChangePercent").GetDecimal());

        var one = await (await person.Client.GetAsync($"/api/v1/me/body-measurements/{created.GetProperty("id").GetString()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(76m, one.GetProperty("weightKg").GetDecimal());
    }

    [Fact]
    public async Task Weight_AtAHealthyBmi_OffersNoGoal_AndAPlanIsNeverRefusedForBmi()
    {
        var intake = Intakes.Typical();
        intake["weightKg"] = 120; // BMI 44.1: the plan is made all the same (L2)
        var (person, plan) = await app.SignUpWithPlanAsync(intake: intake);
        Assert.NotEmpty(plan.Items());
        var summary = (await (await WeighAsync(person, new { date = "2026-11-26", weightKg = 60 })).ExpectAsync(HttpStatusCode.Created)).GetProperty("summary");
        Assert.Equal(22.0m, summary.GetProperty("bmi").GetDecimal());
        Assert.False(summary.GetProperty("supportOffered").GetBoolean());
        Assert.Equal(JsonValueKind.Null, summary.GetProperty("targetWeightKg").ValueKind);
        Assert.Equal(["L2"], summary.GetProperty("ruleIds").Strings());
    }

    [Theory]
    [InlineData("""{ "date": "2026-11-26", "weightKg": 19.9 }""", "weightKg")]
    [InlineData("""{ "date": "2026-11-26", "weightKg": 401 }""", "weightKg")]
    [InlineData("""{ "date": "2026-11-26" }""", "weightKg")]
    [InlineData("""{ "date": "2026-11-26", "weightKg": "heavy" }""", "weightKg")]
    [InlineData("""{ "date": "2026-11-27", "weightKg": 70 }""", "date")]
    [InlineData("""{ "date": "2025-11-01", "weightKg": 70 }""", "date")]
    [InlineData("""{ "weightKg": 70 }""", "date")]
    [InlineData("""{ "date": "yesterday", "weightKg": 70 }""", "date")]
    [InlineData("""[1, 2]""", "body")]
    public async Task Weight_BadInput_Is400NamingTheField_AndStoresNothing(string json, string field)
    {
        var person = await app.SignUpAsync();
        await (await person.Client.PostRawAsync("/api/v1/me/body-measurements", json)).ValidationProblemAsync(field);
        Assert.Equal(0, (await (await person.Client.GetAsync("/api/v1/me/body-measurements")).ExpectAsync(HttpStatusCode.OK)).GetArrayLength());
    }

    [Fact]
    public async Task Activity_CountsTheLast7DaysByEachEntrysOwnDate_Against150()
    {
        var person = await app.SignUpAsync();
        var first = await (await MoveAsync(person, new { date = "2026-11-26", minutes = 30, kind = "walking" })).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(30, first.GetProperty("week").GetProperty("minutes").GetInt32());
        Assert.Equal(150, first.GetProperty("week").GetProperty("target").GetInt32());
        Assert.False(first.GetProperty("week").GetProperty("met").GetBoolean());
        Assert.Equal(["L3"], first.GetProperty("week").GetProperty("ruleIds").Strings());
        Assert.Contains("120 more", first.GetProperty("week").GetProperty("text").GetString(), StringComparison.Ordinal);

        // Back-entered: 2026-11-20 is in the 7 days ending today, 2026-11-19 is not.
        await (await MoveAsync(person, new { date = "2026-11-19", minutes = 200, kind = "cycling" })).ExpectAsync(HttpStatusCode.Created);
        var third = await (await MoveAsync(person, new { date = "2026-11-20", minutes = 120 })).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("walking", third.GetProperty("kind").GetString());
        Assert.Equal(150, third.GetProperty("week").GetProperty("minutes").GetInt32());
        Assert.True(third.GetProperty("week").GetProperty("met").GetBoolean());
        Assert.Equal("2026-11-20", third.GetProperty("week").GetProperty("from").GetString());

        var list = await (await person.Client.GetAsync("/api/v1/me/activity")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["2026-11-26", "2026-11-20", "2026-11-19"], list.EnumerateArray().Select(a => a.GetProperty("date").GetString()));
        Assert.Equal("cycling", list[2].GetProperty("kind").GetString());
    }

    [Theory]
    [InlineData("""{ "date": "2026-11-26", "minutes": 0 }""", "minutes")]
    [InlineData("""{ "date": "2026-11-26", "minutes": 1441 }""", "minutes")]
    [InlineData("""{ "date": "2026-11-26" }""", "minutes")]
    [InlineData("""{ "date": "2026-11-26", "minutes": 20, "kind": "skydiving" }""", "kind")]
    [InlineData("""{ "date": "2026-11-26", "minutes": "lots" }""", "minutes")]
    [InlineData("""{ "date": "2026-11-27", "minutes": 20 }""", "date")]
    [InlineData("""{ "minutes": 20 }""", "date")]
    public async Task Activity_BadInput_Is400NamingTheField(string json, string field)
    {
        var person = await app.SignUpAsync();
        await (await person.Client.PostRawAsync("/api/v1/me/activity", json)).ValidationProblemAsync(field);
        Assert.Equal(0, (await (await person.Client.GetAsync("/api/v1/me/activity")).ExpectAsync(HttpStatusCode.OK)).GetArrayLength());
    }

    [Fact]
    public async Task Activity_MoreThanADayOfMinutesOnOneDay_Is400OnMinutes()
    {
        var person = await app.SignUpAsync();
        await (await MoveAsync(person, new { date = "2026-11-25", minutes = 1400 })).ExpectAsync(HttpStatusCode.Created);
        await (await MoveAsync(person, new { date = "2026-11-25", minutes = 41 })).ValidationProblemAsync("minutes");
        await (await MoveAsync(person, new { date = "2026-11-25", minutes = 40 })).ExpectAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task AnotherPersonsWeightsAndActivity_AreNeitherListedNorReadable()
    {
        var owner = await app.SignUpAsync("owner");
        var other = await app.SignUpAsync("other");
        var weight = await (await WeighAsync(owner, new { date = "2026-11-26", weightKg = 70 })).ExpectAsync(HttpStatusCode.Created);
        var walk = await (await MoveAsync(owner, new { date = "2026-11-26", minutes = 30 })).ExpectAsync(HttpStatusCode.Created);

        await (await other.Client.GetAsync($"/api/v1/me/body-measurements/{weight.GetProperty("id").GetString()}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await other.Client.GetAsync($"/api/v1/me/activity/{walk.GetProperty("id").GetString()}")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(0, (await (await other.Client.GetAsync("/api/v1/me/body-measurements")).ExpectAsync(HttpStatusCode.OK)).GetArrayLength());
        Assert.Equal(0, (await (await other.Client.GetAsync("/api/v1/me/activity")).ExpectAsync(HttpStatusCode.OK)).GetArrayLength());
        var progress = await (await other.Client.GetAsync("/api/v1/me/progress")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, progress.GetProperty("activity").GetProperty("thisWeek").GetProperty("minutes").GetInt32());
        Assert.Empty(progress.GetProperty("weight").GetProperty("series").EnumerateArray());
        await (await owner.Client.GetAsync($"/api/v1/me/activity/{walk.GetProperty("id").GetString()}")).ExpectAsync(HttpStatusCode.OK);
    }
}
