using HipRehab.Core.Outcomes;
using HipRehab.Core.Rules;

namespace HipRehab.Core.Tests.Outcomes;

public class OutcomeScheduleTests
{
    private static readonly DateOnly s_start = new(2026, 6, 1);

    private static DateOnly Day(int days) => s_start.AddDays(days);

    private static OutcomeResult R(Instrument i, int day) => new(i, Day(day), 5);

    private static Instrument[] Due(int day, params OutcomeResult[] history) =>
        [.. OutcomeSchedule.Due(s_start, Day(day), history).Where(d => d.Kind == DueKind.Due).Select(d => d.Instrument)];

    [Theory]
    [InlineData(-1, null)]
    [InlineData(0, 0)]
    [InlineData(41, 0)]
    [InlineData(42, 6)]
    [InlineData(83, 6)]
    [InlineData(84, 12)]
    [InlineData(167, 12)]
    [InlineData(168, 24)]
    [InlineData(252, 36)]
    public void CurrentWeek_IsStartThenWeekSixThenTwelveThenEveryTwelve(int day, int? week) =>
        Assert.Equal(week, OutcomeSchedule.CurrentWeek(s_start, Day(day)));

    [Fact]
    public void Due_AtTheStart_AsksForPsfsSaneAndChairStand_NotPgic()
    {
        Assert.Equal([Instrument.Psfs, Instrument.Sane, Instrument.ChairStand30s], Due(0));
    }

    [Fact]
    public void Due_TugAndWalk_AreOfferedOnlyWhenAHelperIsPresent()
    {
        var helper = OutcomeSchedule.Due(s_start, Day(0), []).Where(d => d.Kind == DueKind.WhenHelperPresent).Select(d => d.Instrument);
        Assert.Equal([Instrument.Tug, Instrument.FastWalk40m], helper);
        Assert.All(OutcomeSchedule.Due(s_start, Day(0), []), d =>
            Assert.Equal(InstrumentCatalogue.Get(d.Instrument).NeedsHelper, d.Kind == DueKind.WhenHelperPresent));
    }

    [Fact]
    public void Due_BaselineDone_NothingMoreUntilWeekSix()
    {
        var baseline = new[] { R(Instrument.Psfs, 0), R(Instrument.Sane, 0), R(Instrument.ChairStand30s, 1) };
        Assert.Empty(Due(10, baseline));
        Assert.Equal([Instrument.Psfs, Instrument.Sane, Instrument.ChairStand30s, Instrument.Pgic], Due(42, baseline));
    }

    [Fact]
    public void Due_AResultBeforeThePlanStarted_CountsAsTheBaseline()
    {
        Assert.Empty(Due(3, R(Instrument.Psfs, -20), R(Instrument.Sane, -20), R(Instrument.ChairStand30s, -20)));
    }

    [Fact]
    public void Due_AResultUpToSevenDaysEarly_CountsForTheTimePoint()
    {
        Assert.DoesNotContain(Instrument.Psfs, Due(42, R(Instrument.Psfs, 35)));
        Assert.Contains(Instrument.Psfs, Due(42, R(Instrument.Psfs, 34)));
    }

    [Fact]
    public void Due_StaysOpenUntilDone_AndAMissedTimePointIsNotCarried()
    {
        Assert.Contains(Instrument.Sane, Due(80));
        var week12 = OutcomeSchedule.Due(s_start, Day(84), []);
        Assert.All(week12, d => Assert.Equal(12, d.Week));
        Assert.All(week12, d => Assert.Equal(Day(84), d.DueDate));
    }

    [Fact]
    public void Due_CitesTheScheduleRuleAndTheInstrumentRule()
    {
        Assert.All(OutcomeSchedule.Due(s_start, Day(42), []), d =>
        {
            Assert.Contains("OS1", d.RuleIds);
            Assert.Contains(InstrumentCatalogue.Get(d.Instrument).RuleId, d.RuleIds);
            Assert.All(d.RuleIds, id => Assert.True(RuleCatalogue.Contains(id), id));
        });
        Assert.Equal(Confidence.U, RuleCatalogue.Get("OS1").Confidence);
    }
}
