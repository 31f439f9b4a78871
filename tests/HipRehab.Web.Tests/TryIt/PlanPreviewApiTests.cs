namespace HipRehab.Web.Tests;

public sealed class PlanPreviewApiTests(TestApp app) : IClassFixture<TestApp>
{
    private readonly HttpClient _client = app.CreateClient();

    [Theory]
    [InlineData("fall-cannot-bear-weight", "RF1", "urgent-care")]
    [InlineData("hot-swollen-fever", "RF2", "urgent-care")]
    [InlineData("bladder-bowel-saddle-both-legs", "RF3", "urgent-care")]
    [InlineData("calf-swelling-chest-breathless", "RF4", "urgent-care")]
    [InlineData("sudden-severe-pain", "RF5", "urgent-care")]
    [InlineData("cancer-night-weight-loss", "RF7", "see-clinician-soon")]
    [InlineData("avn-risk-groin-pain", "RF8", "see-clinician-soon")]
    [InlineData("spreading-weakness-numbness", "RF9", "see-clinician-soon")]
    [InlineData("replacement-new-pain-or-wound", "RF11", "see-clinician-soon")]
    [InlineData("replacement-clunk-dislocation", "RF11", "urgent-care")]
    public async Task RedFlag_GivesItsOutcome_AndNoPlan(string flag, string ruleId, string outcome)
    {
        var (status, body) = await _client.PreviewAsync(Intakes.With("redFlags", new[] { flag }));
        Assert.Equal(HttpStatusCode.OK, status);
        var screening = body.GetProperty("screening");
        Assert.Equal(outcome, screening.GetProperty("outcome").GetString());
        var finding = Assert.Single(screening.GetProperty("findings").EnumerateArray());
        Assert.Equal(ruleId, finding.GetProperty("ruleId").GetString());
        Assert.False(string.IsNullOrWhiteSpace(finding.GetProperty("message").GetString()));
        Assert.Equal(JsonValueKind.Null, body.GetProperty("plan").ValueKind);
    }

    [Fact]
    public async Task LongMorningStiffness_IsAdvice_AndThePlanCarriesIt()
    {
        var (_, body) = await _client.PreviewAsync(Intakes.With("redFlags", new[] { "long-morning-stiffness" }));
        Assert.Equal("advice", body.GetProperty("screening").GetProperty("outcome").GetString());
        var advice = body.GetProperty("plan").GetProperty("advice").EnumerateArray().Select(a => a.GetProperty("ruleId").GetString());
        Assert.Contains("RF10", advice);
    }

    [Fact]
    public async Task Pregnancy_IsSeeClinicianSoon_WithoutPlan()
    {
        var (_, body) = await _client.PreviewAsync(Intakes.With("pregnant", true));
        Assert.Equal("see-clinician-soon", body.GetProperty("screening").GetProperty("outcome").GetString());
        Assert.Contains("CX6", body.GetProperty("screening").GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("ruleId").GetString()));
        Assert.Equal(JsonValueKind.Null, body.GetProperty("plan").ValueKind);
    }

    [Theory]
    [InlineData(2009, "not-eligible")] // 17 in 2026
    [InlineData(2008, "clear")] // 18 in 2026
    public async Task Age_Under18_IsNotEligible(int birthYear, string outcome)
    {
        var (_, body) = await _client.PreviewAsync(Intakes.With("birthYear", birthYear));
        Assert.Equal(outcome, body.GetProperty("screening").GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task TypicalIntake_PlansSixToTenItems_MixingStrengthAndStretch_WithReasons()
    {
        var (_, body) = await _client.PreviewAsync(Intakes.Typical());
        var plan = body.GetProperty("plan");
        var items = plan.GetProperty("items").EnumerateArray().ToList();
        Assert.InRange(items.Count, 6, 10);
        Assert.Contains(items, i => i.GetProperty("category").GetString() == "strengthening");
        Assert.Contains(items, i => i.GetProperty("category").GetString() == "stretching");
        Assert.All(items, i => Assert.NotEmpty(i.GetProperty("why").EnumerateArray()));
        Assert.Contains(plan.GetProperty("advice").EnumerateArray(), a => a.GetProperty("ruleId").GetString() == "PL4");
    }

    public static TheoryData<string, string, string[]> PrecautionCases() => new()
    {
        { "posterior", "THR-P", ["hip-flexion-over-90", "adduction-past-midline", "internal-rotation", "side-lying"] },
        { "anterior", "THR-A", ["hip-extension-past-neutral", "external-rotation"] },
        { "lateral", "THR-L", ["active-abduction", "hip-flexion-over-90", "adduction-past-midline"] },
        { "unknown", "THR-P", ["hip-flexion-over-90", "adduction-past-midline", "internal-rotation", "side-lying"] },
    };

    [Theory]
    [MemberData(nameof(PrecautionCases))]
    public async Task HipReplacement_WithinWindow_NeverPlansAForbiddenDemand(string approach, string rule, string[] forbidden)
    {
        var intake = Intakes.With("surgery", new { kind = "total-hip-replacement", approach, date = "2026-11-01" });
        var (_, body) = await _client.PreviewAsync(intake);
        var plan = body.GetProperty("plan");
        var demands = await PlannedDemandsAsync(plan);
        Assert.Empty(demands.Intersect(forbidden));
        var excludedRules = plan.GetProperty("excluded").EnumerateArray().SelectMany(e => e.GetProperty("ruleIds").Strings());
        var whyRules = plan.GetProperty("items").EnumerateArray().SelectMany(i => i.GetProperty("why").EnumerateArray()).Select(w => w.GetProperty("ruleId").GetString());
        Assert.Contains(rule, excludedRules.Concat(whyRules));
        if (approach == "unknown")
        {
            Assert.Contains(plan.GetProperty("advice").EnumerateArray(), a => a.GetProperty("ruleId").GetString() == "THR-D");
        }
    }

    [Fact]
    public async Task HipReplacement_AfterTheDefaultWindow_NoLongerRestricts()
    {
        // 43 days after surgery the 6-week default window (day 42 inclusive) has ended.
        var inside = await _client.PreviewAsync(Intakes.With("surgery", new { kind = "total-hip-replacement", approach = "posterior", date = "2026-10-15" }));
        var outside = await _client.PreviewAsync(Intakes.With("surgery", new { kind = "total-hip-replacement", approach = "posterior", date = "2026-10-14" }));
        Assert.Contains(inside.Body.GetProperty("plan").GetProperty("advice").EnumerateArray(), a => a.GetProperty("ruleId").GetString() == "THR-P");
        Assert.DoesNotContain(outside.Body.GetProperty("plan").GetProperty("advice").EnumerateArray(), a => a.GetProperty("ruleId").GetString() == "THR-P");
    }

    [Fact]
    public async Task Abilities_AndEquipment_AreRespected()
    {
        var intake = Intakes.Typical();
        intake["abilities"] = new { getDownToFloor = false, kneel = false, standWithoutSupport = false };
        intake["equipment"] = new[] { "chair" };
        intake["painLocation"] = "outer-hip";
        var (_, body) = await _client.PreviewAsync(intake);
        var plan = body.GetProperty("plan");
        var exercises = await ExercisesAsync();
        foreach (var item in plan.GetProperty("items").EnumerateArray())
        {
            var e = exercises[item.GetProperty("exerciseId").GetString()!];
            var demands = e.GetProperty("demands").Strings().ToList();
            Assert.DoesNotContain("lying", demands);
            Assert.DoesNotContain("kneeling", demands);
            Assert.DoesNotContain("adduction-past-midline", demands);
            Assert.All(e.GetProperty("equipment").Strings(), eq => Assert.Equal("chair", eq));
            if (demands.Contains("standing"))
            {
                Assert.True(e.GetProperty("supported").GetBoolean(), $"{e.GetProperty("id")} is unsupported standing");
            }
        }

        var itBand = Assert.Single(plan.GetProperty("excluded").EnumerateArray(), x => x.GetProperty("family").GetString() == "it-band-stretch");
        Assert.Contains("CX4", itBand.GetProperty("ruleIds").Strings());
    }

    [Fact]
    public async Task EveryFamily_IsPlannedOrExcluded_ExactlyOnce_AndExclusionsCarryRules()
    {
        var intake = Intakes.With("surgery", new { kind = "total-hip-replacement", approach = "lateral", date = "2026-11-20" });
        intake["equipment"] = Array.Empty<string>();
        var (_, body) = await _client.PreviewAsync(intake);
        var plan = body.GetProperty("plan");
        var planned = plan.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("family").GetString()).ToList();
        var excluded = plan.GetProperty("excluded").EnumerateArray().ToList();
        Assert.All(excluded, e => Assert.NotEmpty(e.GetProperty("ruleIds").EnumerateArray()));
        var families = (await ExercisesAsync()).Values.Select(e => e.GetProperty("family").GetString()).Distinct().Order();
        Assert.Equal(families, planned.Concat(excluded.Select(e => e.GetProperty("family").GetString())).Order());
    }

    [Fact]
    public async Task EveryRuleIdEmitted_IsInTheRuleCatalogue()
    {
        var catalogue = (await (await _client.GetAsync("/api/v1/rules")).JsonAsync()).EnumerateArray()
            .Select(r => r.GetProperty("id").GetString()).ToHashSet();
        var emitted = new HashSet<string?>();
        foreach (var e in (await ExercisesAsync()).Values)
        {
            emitted.UnionWith(e.GetProperty("ruleIds").Strings());
        }

        string[] flags = ["fall-cannot-bear-weight", "hot-swollen-fever", "bladder-bowel-saddle-both-legs", "calf-swelling-chest-breathless",
            "sudden-severe-pain", "cancer-night-weight-loss", "avn-risk-groin-pain", "spreading-weakness-numbness", "long-morning-stiffness",
            "replacement-new-pain-or-wound", "replacement-clunk-dislocation"];
        var intakes = flags.Select(f => Intakes.With("redFlags", new[] { f })).ToList();
        intakes.Add(Intakes.With("pregnant", true));
        intakes.Add(Intakes.With("birthYear", 2015));
        intakes.Add(Intakes.With("osteoporosis", true));
        intakes.Add(Intakes.With("painLocation", "outer-hip"));
        intakes.Add(Intakes.With("equipment", Array.Empty<string>()));
        intakes.Add(Intakes.With("abilities", new { getDownToFloor = false, kneel = false, standWithoutSupport = false }));
        foreach (var approach in new[] { "posterior", "anterior", "lateral", "unknown" })
        {
            intakes.Add(Intakes.With("surgery", new { kind = "total-hip-replacement", approach, date = "2026-11-01" }));
        }

        foreach (var intake in intakes)
        {
            var (_, body) = await _client.PreviewAsync(intake);
            emitted.UnionWith(body.GetProperty("screening").GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("ruleId").GetString()));
            if (body.GetProperty("plan") is { ValueKind: JsonValueKind.Object } plan)
            {
                emitted.UnionWith(plan.GetProperty("items").EnumerateArray().SelectMany(i => i.GetProperty("why").EnumerateArray()).Select(w => w.GetProperty("ruleId").GetString()));
                emitted.UnionWith(plan.GetProperty("excluded").EnumerateArray().SelectMany(e => e.GetProperty("ruleIds").Strings()));
                emitted.UnionWith(plan.GetProperty("advice").EnumerateArray().Select(a => a.GetProperty("ruleId").GetString()));
            }
        }

        Assert.True(emitted.Count > 20, $"only {emitted.Count} rule ids were exercised");
        Assert.DoesNotContain(emitted, id => !catalogue.Contains(id));
    }

    [Fact]
    public async Task Rules_ShowConfidenceAndSources()
    {
        var rules = (await (await _client.GetAsync("/api/v1/rules")).JsonAsync()).EnumerateArray().ToList();
        Assert.All(rules, r =>
        {
            Assert.Contains(r.GetProperty("confidence").GetString(), new[] { "C", "S", "U" });
            Assert.NotEmpty(r.GetProperty("sources").EnumerateArray());
            Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("text").GetString()));
        });
        Assert.Equal("U", rules.Single(r => r.GetProperty("id").GetString() == "PM4").GetProperty("confidence").GetString());
    }

    private async Task<Dictionary<string, JsonElement>> ExercisesAsync() =>
        (await (await _client.GetAsync("/api/v1/exercises")).JsonAsync()).EnumerateArray()
            .ToDictionary(e => e.GetProperty("id").GetString()!);

    private async Task<HashSet<string>> PlannedDemandsAsync(JsonElement plan)
    {
        var exercises = await ExercisesAsync();
        return [.. plan.GetProperty("items").EnumerateArray()
            .SelectMany(i => exercises[i.GetProperty("exerciseId").GetString()!].GetProperty("demands").Strings())];
    }
}
