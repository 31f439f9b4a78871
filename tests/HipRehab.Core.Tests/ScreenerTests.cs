using HipRehab.Core.Assessment;
using HipRehab.Core.Rules;

namespace HipRehab.Core.Tests;

/// <summary>Screening against docs/clinical-rules.md §1 (red flags, RF6 age) and CX6 (pregnancy).</summary>
public class ScreenerTests
{
    private static readonly DateOnly s_today = Intakes.Today;

    private static ScreeningResult Screen(Intake intake) => Screener.Screen(intake, s_today);

    [Theory]
    [InlineData(RedFlag.FallCannotBearWeight, "RF1")]
    [InlineData(RedFlag.HotSwollenFever, "RF2")]
    [InlineData(RedFlag.BladderBowelSaddleBothLegs, "RF3")]
    [InlineData(RedFlag.CalfSwellingChestBreathless, "RF4")]
    [InlineData(RedFlag.SuddenSeverePain, "RF5")]
    [InlineData(RedFlag.ReplacementClunkDislocation, "RF11")]
    public void Screen_EmergencyRedFlag_IsUrgentCare_WithItsRule(RedFlag flag, string ruleId)
    {
        var result = Screen(Intakes.Typical().WithFlags(flag));

        Assert.Equal(ScreeningOutcome.UrgentCare, result.Outcome);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(ruleId, finding.RuleId);
        Assert.Equal(ScreeningOutcome.UrgentCare, finding.Outcome);
        Assert.False(string.IsNullOrWhiteSpace(finding.Message));
        Assert.False(result.AllowsPlan);
    }

    [Theory]
    [InlineData(RedFlag.CancerNightWeightLoss, "RF7")]
    [InlineData(RedFlag.AvnRiskGroinPain, "RF8")]
    [InlineData(RedFlag.SpreadingWeaknessNumbness, "RF9")]
    [InlineData(RedFlag.ReplacementNewPainOrWound, "RF11")]
    public void Screen_SoonRedFlag_IsSeeClinicianSoon_WithItsRule(RedFlag flag, string ruleId)
    {
        var result = Screen(Intakes.Typical().WithFlags(flag));

        Assert.Equal(ScreeningOutcome.SeeClinicianSoon, result.Outcome);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(ruleId, finding.RuleId);
        Assert.False(result.AllowsPlan);
    }

    [Fact]
    public void Screen_LongMorningStiffness_IsAdvice_WithRF10_AndAllowsAPlan()
    {
        var result = Screen(Intakes.Typical().WithFlags(RedFlag.LongMorningStiffness));

        Assert.Equal(ScreeningOutcome.Advice, result.Outcome);
        Assert.Equal("RF10", Assert.Single(result.Findings).RuleId);
        Assert.True(result.AllowsPlan);
    }

    [Fact]
    public void Screen_Pregnant_IsSeeClinicianSoon_WithCX6()
    {
        var result = Screen(Intakes.Typical() with { Pregnant = true });

        Assert.Equal(ScreeningOutcome.SeeClinicianSoon, result.Outcome);
        Assert.Equal("CX6", Assert.Single(result.Findings).RuleId);
    }

    [Fact]
    public void Screen_NothingReported_IsClear()
    {
        var result = Screen(Intakes.Typical());
        Assert.Equal(ScreeningOutcome.Clear, result.Outcome);
        Assert.Empty(result.Findings);
        Assert.True(result.AllowsPlan);
    }

    [Fact]
    public void Screen_AgedSeventeen_IsNotEligible_WithRF6()
    {
        var result = Screen(Intakes.Typical() with { BirthYear = s_today.Year - 17 });

        Assert.Equal(ScreeningOutcome.NotEligible, result.Outcome);
        Assert.Equal("RF6", Assert.Single(result.Findings).RuleId);
        Assert.False(result.AllowsPlan);
    }

    [Fact]
    public void Screen_AgedEighteen_IsClear() =>
        Assert.Equal(ScreeningOutcome.Clear, Screen(Intakes.Typical() with { BirthYear = s_today.Year - 18 }).Outcome);

    [Fact]
    public void Screen_AgeFollowsTheInjectedClock_EighteenOnFirstOfJanuary()
    {
        var clock = Intakes.Clock();
        var intake = Intakes.Typical() with { BirthYear = s_today.Year - 17 };
        Assert.Equal(ScreeningOutcome.NotEligible, Screener.Screen(intake, Intakes.TodayOn(clock)).Outcome);

        clock.SetUtcNow(new DateTimeOffset(s_today.Year + 1, 1, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal(ScreeningOutcome.Clear, Screener.Screen(intake, Intakes.TodayOn(clock)).Outcome);
    }

    [Fact]
    public void Screen_UrgentAndAdvice_UrgentWins_AndKeepsBothFindings()
    {
        var result = Screen(Intakes.Typical().WithFlags(RedFlag.LongMorningStiffness, RedFlag.HotSwollenFever));

        Assert.Equal(ScreeningOutcome.UrgentCare, result.Outcome);
        Assert.Equal(["RF2", "RF10"], result.Findings.Select(f => f.RuleId));
        Assert.Equal(ScreeningOutcome.UrgentCare, result.Findings[0].Outcome); // strongest first
    }

    [Fact]
    public void Screen_NotEligibleAndSeeClinicianSoon_NotEligibleWins()
    {
        var result = Screen((Intakes.Typical() with { BirthYear = s_today.Year - 17 }).WithFlags(RedFlag.CancerNightWeightLoss));
        Assert.Equal(ScreeningOutcome.NotEligible, result.Outcome);
        Assert.Contains(result.Findings, f => f.RuleId == "RF7");
    }

    [Fact]
    public void Screen_UrgentAndNotEligible_UrgentCareWins()
    {
        var result = Screen((Intakes.Typical() with { BirthYear = s_today.Year - 16 }).WithFlags(RedFlag.FallCannotBearWeight));
        Assert.Equal(ScreeningOutcome.UrgentCare, result.Outcome);
        Assert.Equal(["RF1", "RF6"], result.Findings.Select(f => f.RuleId));
    }

    [Fact]
    public void Screen_ClunkAndNewPainAfterReplacement_IsUrgentCare()
    {
        var result = Screen(Intakes.Typical().WithFlags(RedFlag.ReplacementNewPainOrWound, RedFlag.ReplacementClunkDislocation));
        Assert.Equal(ScreeningOutcome.UrgentCare, result.Outcome);
        Assert.All(result.Findings, f => Assert.Equal("RF11", f.RuleId));
    }

    [Fact]
    public void OutcomeAfter_ClearedSeeClinicianSoonRule_IsAdvice()
    {
        var result = Screen(Intakes.Typical().WithFlags(RedFlag.CancerNightWeightLoss));

        Assert.Equal(ScreeningOutcome.Advice, result.OutcomeAfter(new HashSet<string> { "RF7" }));
        Assert.Equal(ScreeningOutcome.SeeClinicianSoon, result.OutcomeAfter(new HashSet<string>()));
        Assert.Equal(ScreeningOutcome.SeeClinicianSoon, result.OutcomeAfter(new HashSet<string> { "RF8" }));
    }

    [Fact]
    public void OutcomeAfter_OneOfTwoSoonFindingsCleared_StillBlocks()
    {
        var result = Screen(Intakes.Typical().WithFlags(RedFlag.CancerNightWeightLoss, RedFlag.SpreadingWeaknessNumbness));
        Assert.Equal(ScreeningOutcome.SeeClinicianSoon, result.OutcomeAfter(new HashSet<string> { "RF7" }));
        Assert.Equal(ScreeningOutcome.Advice, result.OutcomeAfter(new HashSet<string> { "RF7", "RF9" }));
    }

    [Fact]
    public void OutcomeAfter_ClearingAnUrgentRule_DoesNotUnblock()
    {
        var result = Screen(Intakes.Typical().WithFlags(RedFlag.SuddenSeverePain));
        Assert.Equal(ScreeningOutcome.UrgentCare, result.OutcomeAfter(new HashSet<string> { "RF5" }));
    }

    [Fact]
    public void OutcomeAfter_ClearingAge_DoesNotUnblock()
    {
        var result = Screen(Intakes.Typical() with { BirthYear = s_today.Year - 17 });
        Assert.Equal(ScreeningOutcome.NotEligible, result.OutcomeAfter(new HashSet<string> { "RF6" }));
    }

    [Fact]
    public void ScreenRedFlags_AtACheckIn_UsesTheSameOutcomes()
    {
        Assert.Equal(ScreeningOutcome.UrgentCare, Screener.ScreenRedFlags([RedFlag.CalfSwellingChestBreathless]).Outcome);
        Assert.Equal(ScreeningOutcome.SeeClinicianSoon, Screener.ScreenRedFlags([RedFlag.SpreadingWeaknessNumbness]).Outcome);
        Assert.Equal(ScreeningOutcome.Clear, Screener.ScreenRedFlags([]).Outcome);
    }

    [Fact]
    public void Screen_EveryFlagTogether_CitesOnlyCatalogueRules_WithAMessageEach()
    {
        var result = Screen((Intakes.Typical() with { Pregnant = true, BirthYear = s_today.Year - 10 })
            .WithFlags(Enum.GetValues<RedFlag>()));

        Assert.Equal(ScreeningOutcome.UrgentCare, result.Outcome);
        Assert.Equal(Enum.GetValues<RedFlag>().Length + 2, result.Findings.Count);
        Assert.All(result.Findings, f =>
        {
            Assert.True(RuleCatalogue.Contains(f.RuleId), f.RuleId);
            Assert.False(string.IsNullOrWhiteSpace(f.Message));
        });
        Assert.Equal(result.Findings.OrderByDescending(f => f.Outcome).Select(f => f.Outcome), result.Findings.Select(f => f.Outcome));
    }
}
