using HipRehab.Core.Outcomes;
using HipRehab.Core.Planning;
using HipRehab.Core.Rules;

namespace HipRehab.Core.Tests.Outcomes;

public class OutcomeScoringTests
{
    private static readonly DateOnly s_day = Intakes.Today;
    private static readonly PersonFacts s_woman67 = new(67, Sex.Female);

    private static OutcomeResult R(Instrument i, decimal score, int daysAgo = 0) => new(i, s_day.AddDays(-daysAgo), score);

    private static OutcomeResult Psfs(decimal mean, int daysAgo = 0, params string[] names) =>
        new(Instrument.Psfs, s_day.AddDays(-daysAgo), mean,
            [.. (names.Length > 0 ? names : ["stairs", "walking", "socks"]).Select(n => new PsfsActivity(n, 5))]);

    private static OutcomeInterpretation Interpret(OutcomeResult r, OutcomeResult? baseline = null, PersonFacts? person = null) =>
        OutcomeScoring.Interpret(r, baseline, person ?? s_woman67);

    // ---- OM1 NPRS: 2 points or 30 % ----

    [Theory]
    [InlineData(6, 4, ChangeDirection.Better, true)]   // 2 points
    [InlineData(5, 4, ChangeDirection.Better, false)]  // 1 point, 20 %
    [InlineData(3, 2, ChangeDirection.Better, true)]   // 1 point but 33 %
    [InlineData(10, 8, ChangeDirection.Better, true)]  // 2 points, 20 %
    [InlineData(4, 5, ChangeDirection.Worse, false)]   // 1 point up
    [InlineData(2, 3, ChangeDirection.Worse, false)]   // 50 % up, but a rise counts by points alone
    [InlineData(4, 6, ChangeDirection.Worse, true)]    // 2 points up
    [InlineData(4, 4, ChangeDirection.Same, false)]
    [InlineData(0, 0, ChangeDirection.Same, false)]
    public void Nprs_ChangeFromBaseline_IsMeaningfulAtTwoPointsOrThirtyPercentLower(int baseline, int now, ChangeDirection direction, bool meaningful)
    {
        var i = Interpret(R(Instrument.Nprs, now), R(Instrument.Nprs, baseline, 30));
        Assert.Equal(direction, i.Change!.Direction);
        Assert.Equal(meaningful, i.Change.Meaningful);
        Assert.Equal(now - baseline, i.Change.Change);
        Assert.Equal(["OM1"], i.RuleIds);
    }

    [Fact]
    public void Nprs_WithoutABaseline_HasNoChange_AndSaysTheScore()
    {
        var i = Interpret(R(Instrument.Nprs, 4));
        Assert.Null(i.Change);
        Assert.Contains("4 out of 10", i.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Interpret_TheBaselineItself_ReportsNoChange()
    {
        var first = R(Instrument.Nprs, 5, 10);
        Assert.Null(Interpret(first, first).Change);
    }

    // ---- OM2 PSFS: 1.3 small, 2.3 medium, 2.7 large ----

    [Theory]
    [InlineData("4", "5.2", false, null)]
    [InlineData("4", "5.3", true, "small")]
    [InlineData("4", "6.29", true, "small")]
    [InlineData("4", "6.3", true, "medium")]
    [InlineData("4", "6.69", true, "medium")]
    [InlineData("4", "6.7", true, "large")]
    [InlineData("6", "4.7", true, "small")] // worse by 1.3
    public void Psfs_ChangeFromBaseline_UsesTheAbbottThresholds(string baseline, string now, bool meaningful, string? size)
    {
        var i = Interpret(Psfs(decimal.Parse(now, System.Globalization.CultureInfo.InvariantCulture)),
            Psfs(decimal.Parse(baseline, System.Globalization.CultureInfo.InvariantCulture), 42));
        Assert.Equal(meaningful, i.Change!.Meaningful);
        Assert.Equal(size, i.Change.Size);
    }

    [Fact]
    public void Psfs_HigherIsBetter()
    {
        Assert.Equal(ChangeDirection.Better, Interpret(Psfs(7), Psfs(4, 42)).Change!.Direction);
        Assert.Equal(ChangeDirection.Worse, Interpret(Psfs(3), Psfs(4, 42)).Change!.Direction);
    }

    [Fact]
    public void Psfs_DifferentActivitiesFromBaseline_SaysToCompareWithCare()
    {
        var i = Interpret(Psfs(6, 0, "stairs", "walking", "gardening"), Psfs(4, 42, "stairs", "walking", "socks"));
        Assert.Contains("compare with care", i.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("compare with care", Interpret(Psfs(6), Psfs(4, 42)).Text, StringComparison.Ordinal);
    }

    // ---- OM3 PGIC ----

    [Theory]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(3, false)]
    [InlineData(4, false)]
    [InlineData(7, false)]
    public void Pgic_MuchOrVeryMuchImproved_IsAResponder(int value, bool responder)
    {
        var i = Interpret(R(Instrument.Pgic, value));
        Assert.Equal(responder, i.Responder);
        Assert.Contains(OutcomeScoring.PgicAnswers[value - 1], i.Text, StringComparison.Ordinal);
        Assert.Null(i.Change); // PGIC is itself a rating of change
    }

    // ---- OM4 SANE: trend only ----

    [Fact]
    public void Sane_ShowsTheTrend_WithoutAMeaningfulVerdict()
    {
        var i = Interpret(R(Instrument.Sane, 70), R(Instrument.Sane, 50, 42));
        Assert.Equal(ChangeDirection.Better, i.Change!.Direction);
        Assert.Equal(20, i.Change.Change);
        Assert.Null(i.Change.Meaningful);
    }

    // ---- OM5 chair stand: every row of the norm table ----

    /// <summary>The table of docs/clinical-rules.md §5, typed out again here so a slip in either copy shows.</summary>
    public static TheoryData<Sex, int, int, int, int> NormRows() => new()
    {
        { Sex.Female, 60, 64, 12, 17 }, { Sex.Female, 65, 69, 11, 16 }, { Sex.Female, 70, 74, 10, 15 },
        { Sex.Female, 75, 79, 10, 15 }, { Sex.Female, 80, 84, 9, 14 }, { Sex.Female, 85, 89, 8, 13 },
        { Sex.Female, 90, 94, 4, 11 },
        { Sex.Male, 60, 64, 14, 19 }, { Sex.Male, 65, 69, 12, 18 }, { Sex.Male, 70, 74, 12, 17 },
        { Sex.Male, 75, 79, 11, 17 }, { Sex.Male, 80, 84, 10, 15 }, { Sex.Male, 85, 89, 8, 14 },
        { Sex.Male, 90, 94, 7, 12 },
    };

    [Theory]
    [MemberData(nameof(NormRows))]
    public void ChairStand_EveryNormRow_BandsBelowWithinAndAboveAtBothEndsOfTheAgeBand(Sex sex, int minAge, int maxAge, int low, int high)
    {
        foreach (var age in new[] { minAge, maxAge })
        {
            var person = new PersonFacts(age, sex);
            foreach (var (stands, band) in new[] { (low - 1, NormBand.Below), (low, NormBand.Within), (high, NormBand.Within), (high + 1, NormBand.Above) })
            {
                var i = Interpret(R(Instrument.ChairStand30s, stands), person: person);
                Assert.Equal(low, i.NormLow);
                Assert.Equal(high, i.NormHigh);
                Assert.True(band == i.Band, $"{sex} {age}: {stands} stands should be {band}, was {i.Band}");
                Assert.Equal(stands < 8, i.LowFunction);
            }
        }
    }

    [Fact]
    public void ChairStand_NormTable_HasExactlyTheFourteenRowsOfClinicalRules()
    {
        var expected = NormRows().Select(r => new ChairStandNorm((Sex)r[0], (int)r[1], (int)r[2], (int)r[3], (int)r[4])).ToList();
        Assert.Equal(expected, ChairStandNorms.Rows);
    }

    [Theory]
    [InlineData(59, Sex.Female)]
    [InlineData(95, Sex.Male)]
    [InlineData(70, Sex.Other)]
    [InlineData(40, Sex.Male)]
    public void ChairStand_NoNormForAgeOrSex_GivesNoBand_ButStillFlagsLowFunction(int age, Sex sex)
    {
        var i = Interpret(R(Instrument.ChairStand30s, 7), person: new PersonFacts(age, sex));
        Assert.Null(i.Band);
        Assert.Null(i.NormLow);
        Assert.True(i.LowFunction);
        Assert.Contains("no comparison range", i.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(7, true)]
    [InlineData(8, false)]
    public void ChairStand_FewerThanEight_IsLowFunction(int stands, bool low) =>
        Assert.Equal(low, Interpret(R(Instrument.ChairStand30s, stands)).LowFunction);

    [Fact]
    public void ChairStand_HigherIsBetter_TrendOnly()
    {
        var c = Interpret(R(Instrument.ChairStand30s, 12), R(Instrument.ChairStand30s, 9, 42)).Change!;
        Assert.Equal(ChangeDirection.Better, c.Direction);
        Assert.Null(c.Meaningful);
    }

    [Fact]
    public void PersonFacts_AgeIsTheYearDifference()
    {
        Assert.Equal(68, PersonFacts.From(1958, Sex.Female, new DateOnly(2026, 1, 2)).Age);
    }

    // ---- OM6 TUG: fall risk at 12 s or more ----

    [Theory]
    [InlineData("11.99", false)]
    [InlineData("12", true)]
    [InlineData("12.00", true)]
    [InlineData("12.01", true)]
    [InlineData("8.5", false)]
    [InlineData("30", true)]
    public void Tug_TwelveSecondsOrMore_IsFallRisk_AndCitesCX3(string seconds, bool fallRisk)
    {
        var i = Interpret(R(Instrument.Tug, decimal.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(fallRisk, i.FallRisk);
        Assert.Equal(fallRisk, i.RuleIds.Contains("CX3"));
    }

    [Fact]
    public void FallRisk_FollowsTheLatestTugByDate_WhateverTheListOrder()
    {
        var slowOld = R(Instrument.Tug, 13, 40);
        var fastNew = R(Instrument.Tug, 10, 2);
        Assert.False(OutcomeScoring.FallRisk([fastNew, slowOld]));
        Assert.True(OutcomeScoring.FallRisk([R(Instrument.Tug, 10, 40), R(Instrument.Tug, 12, 2)]));
        Assert.False(OutcomeScoring.FallRisk([R(Instrument.ChairStand30s, 5)]));
    }

    [Fact]
    public void FallRisk_FromATug_SwitchesThePlansStandingExercisesToSupportedVersions()
    {
        var fallRisk = OutcomeScoring.FallRisk([R(Instrument.Tug, 12)]);
        var preview = Planner.Preview(Intakes.Typical(), TestLibrary.Library, s_day, new PlanningOptions(FallRisk: fallRisk));
        var plan = preview.Plan!;
        var standing = plan.Items.Select(i => TestLibrary.Variant(i.ExerciseId)).Where(v => v.Demands.Contains(Demand.Standing)).ToList();
        Assert.NotEmpty(standing);
        Assert.All(standing, v => Assert.True(v.Supported, v.Id));
        Assert.Contains(plan.Advice, a => a.RuleId == "CX3");
    }

    [Fact]
    public void Tug_LowerIsBetter()
    {
        var c = Interpret(R(Instrument.Tug, 10), R(Instrument.Tug, 13, 42)).Change!;
        Assert.Equal(ChangeDirection.Better, c.Direction);
        Assert.Equal(-3, c.Change);
        Assert.Null(c.Meaningful);
    }

    // ---- OM7 40 m walk ----

    [Fact]
    public void FastWalk_GivesSpeed_AndLowerTimeIsBetter()
    {
        var i = Interpret(R(Instrument.FastWalk40m, 30), R(Instrument.FastWalk40m, 40, 42));
        Assert.Equal(1.33m, i.SpeedMetresPerSecond);
        Assert.Equal(ChangeDirection.Better, i.Change!.Direction);
        Assert.Null(i.Change.Meaningful);
    }

    // ---- all ----

    [Fact]
    public void BaselineOf_IsTheEarliestByDate_IncludingBackEnteredResults()
    {
        var entered = R(Instrument.Nprs, 5, 3);
        var backEntered = R(Instrument.Nprs, 7, 60);
        Assert.Same(backEntered, OutcomeScoring.BaselineOf(Instrument.Nprs, [entered, backEntered, R(Instrument.Sane, 50, 90)]));
        Assert.Null(OutcomeScoring.BaselineOf(Instrument.Tug, [entered]));
    }

    [Fact]
    public void Interpret_BaselineOfAnotherInstrument_IsAProgrammingError() =>
        Assert.Throws<ArgumentException>(() => Interpret(R(Instrument.Nprs, 4), R(Instrument.Sane, 40)));

    public static TheoryData<OutcomeResult, OutcomeResult?> Everything() => new()
    {
        { R(Instrument.Nprs, 9), R(Instrument.Nprs, 3, 9) },
        { Psfs(1), Psfs(8, 9) },
        { R(Instrument.Pgic, 7), null },
        { R(Instrument.Sane, 5), R(Instrument.Sane, 90, 9) },
        { R(Instrument.ChairStand30s, 2), R(Instrument.ChairStand30s, 14, 9) },
        { R(Instrument.Tug, 25), R(Instrument.Tug, 9, 9) },
        { R(Instrument.FastWalk40m, 90), R(Instrument.FastWalk40m, 25, 9) },
    };

    [Theory]
    [MemberData(nameof(Everything))]
    public void Interpret_EvenABadResult_IsPlainKindAndCitesCatalogueRules(OutcomeResult result, OutcomeResult? baseline)
    {
        var i = Interpret(result, baseline);
        Assert.All(i.RuleIds, id => Assert.True(RuleCatalogue.Contains(id), id));
        Assert.Contains(InstrumentCatalogue.Get(result.Instrument).RuleId, i.RuleIds);
        foreach (var word in new[] { "danger", "emergency", "diagnos", "fail", "!" })
        {
            Assert.DoesNotContain(word, i.Text, StringComparison.OrdinalIgnoreCase);
        }
    }
}
