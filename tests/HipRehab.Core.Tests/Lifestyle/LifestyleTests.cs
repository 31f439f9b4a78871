using HipRehab.Core.Assessment;
using HipRehab.Core.Lifestyle;
using HipRehab.Core.Planning;
using HipRehab.Core.Rules;

namespace HipRehab.Core.Tests.Lifestyle;

public class BodyTests
{
    private static readonly DateOnly s_today = Intakes.Today;

    [Theory]
    [InlineData(165, 80, 29.4)]
    [InlineData(180, 81, 25.0)]
    [InlineData(170, 72.2, 25.0)] // 24.98 shows as 25.0, so it gets the offer too
    [InlineData(170, 72.1, 24.9)]
    public void Bmi_IsKilogramsOverMetresSquared_ToOneDecimal(double height, double weight, double bmi) =>
        Assert.Equal((decimal)bmi, Body.Bmi((decimal)height, (decimal)weight));

    [Theory]
    [InlineData(72.1, false)]
    [InlineData(72.2, true)]
    [InlineData(120, true)]
    public void Summarise_OffersSupportFromBmi25_AsAnOfferOnly(double weight, bool offered)
    {
        var s = Body.Summarise(170m, (decimal)weight, [])!;
        Assert.Equal(offered, s.SupportOffered);
        Assert.Contains("L2", s.RuleIds);
        if (offered)
        {
            Assert.Contains("L1", s.RuleIds);
            Assert.Contains("only an offer", s.Text, StringComparison.Ordinal);
            Assert.Equal(Math.Round((decimal)weight * 0.95m, 1, MidpointRounding.AwayFromZero), s.TargetWeightKg);
        }
        else
        {
            Assert.Null(s.TargetWeightKg);
        }

        foreach (var word in new[] { "obese", "overweight", "must", "should lose" })
        {
            Assert.DoesNotContain(word, s.Text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Summarise_LatestMeasurementByDate_GivesTheChangeFromTheIntakeWeight()
    {
        var s = Body.Summarise(165m, 80m, [new(s_today, 75.6m), new(s_today.AddDays(-30), 78m)])!;
        Assert.Equal(75.6m, s.WeightKg);
        Assert.Equal(-5.5m, s.WeightChangePercent);
        Assert.Contains("already reached", s.Text, StringComparison.Ordinal);
        Assert.Null(Body.Summarise(null, null, []));
        Assert.Null(Body.Summarise(null, 80m, [])!.Bmi);
        Assert.Equal("Your latest weight is 80 kg.", Body.Summarise(null, 80m, [])!.Text); // never an empty sentence
    }

    [Fact]
    public void WeightChangePercent_IsSigned_ToOneDecimal()
    {
        Assert.Equal(-5m, Body.WeightChangePercent(80m, 76m));
        Assert.Equal(2.5m, Body.WeightChangePercent(80m, 82m));
    }

    [Fact]
    public void HighBmi_NeverBlocksScreeningOrAPlan()
    {
        var intake = Intakes.Typical() with { HeightCm = 160m, WeightKg = 150m }; // BMI 58.6
        var preview = Planner.Preview(intake, TestLibrary.Library, s_today);
        Assert.Equal(ScreeningOutcome.Clear, preview.Screening.Outcome);
        Assert.NotNull(preview.Plan);
        Assert.NotEmpty(preview.Plan.Items);
    }

    [Theory]
    [InlineData(null, "weightKg")]
    [InlineData(19.9, "weightKg")]
    [InlineData(400.1, "weightKg")]
    public void Validate_BadWeight_NamesTheField(double? weight, string field) =>
        Assert.Equal([field], Body.Validate(new BodyMeasurementForm { Date = s_today, WeightKg = (decimal?)weight }, s_today).Errors.Keys);

    [Fact]
    public void Validate_FutureDate_IsRefused_AndAGoodOneAccepted()
    {
        Assert.Equal(["date"], Body.Validate(new BodyMeasurementForm { Date = s_today.AddDays(1), WeightKg = 80m }, s_today).Errors.Keys);
        Assert.True(Body.Validate(new BodyMeasurementForm { Date = s_today, WeightKg = 80m }, s_today).IsValid);
    }
}

public class ActivityTests
{
    private static readonly DateOnly s_today = Intakes.Today;

    [Fact]
    public void Week_CountsTheSevenDaysEndingToday_AgainstOneHundredFifty()
    {
        var records = new[]
        {
            new ActivityRecord(s_today, 30), new ActivityRecord(s_today.AddDays(-6), 60), new ActivityRecord(s_today.AddDays(-3), 59),
            new ActivityRecord(s_today.AddDays(-7), 100), // outside the window
            new ActivityRecord(s_today.AddDays(1), 100), // not yet
        };
        var week = Activity.Week(records, s_today);
        Assert.Equal(149, week.Minutes);
        Assert.False(week.Met);
        Assert.Contains("1 more", week.Text, StringComparison.Ordinal);
        Assert.True(Activity.Week([.. records, new ActivityRecord(s_today, 1)], s_today).Met);
        Assert.Equal(["L3"], week.RuleIds);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1441)]
    [InlineData(null)]
    public void Validate_MinutesOutOfRange_NamesTheField(int? minutes) =>
        Assert.Equal(["minutes"], Activity.Validate(new ActivityForm { Date = s_today, Minutes = minutes }, s_today).Errors.Keys);
}

public class RestGuidanceTests
{
    // 2026-11-23 is a Monday.
    private static readonly DateOnly s_monday = new(2026, 11, 23);
    private static readonly HashSet<DayOfWeek> s_monWedFri = [DayOfWeek.Monday, DayOfWeek.Wednesday, DayOfWeek.Friday];

    [Fact]
    public void For_ANonStrengthDay_IsARestDayWithStretchingStillFine()
    {
        var ids = RestGuidance.For(s_monday.AddDays(1), s_monWedFri, []).Select(g => g.Id);
        Assert.Equal(["rest-day", "stretch-daily", "weekly-activity"], ids);
    }

    [Fact]
    public void For_AStrengthDay_AfterStrengthYesterday_SaysToWait48Hours()
    {
        Assert.Equal("strength-day", RestGuidance.For(s_monday, s_monWedFri, [s_monday.AddDays(-3)])[0].Id);
        var g = RestGuidance.For(s_monday, s_monWedFri, [s_monday.AddDays(-1)])[0];
        Assert.Equal("strength-yesterday", g.Id);
        Assert.Contains("48 hours", g.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void All_CiteCatalogueRules()
    {
        Assert.All(RestGuidance.All, g => Assert.All(g.RuleIds, id => Assert.True(RuleCatalogue.Contains(id), id)));
        Assert.Equal(RestGuidance.All.Count, RestGuidance.All.Select(g => g.Id).Distinct().Count());
    }
}
