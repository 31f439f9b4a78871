using HipRehab.Core.Supervision;

namespace HipRehab.Core.Tests;

public class AdherenceTests
{
    private static readonly HashSet<DayOfWeek> s_monWedFri = [DayOfWeek.Monday, DayOfWeek.Wednesday, DayOfWeek.Friday];

    [Fact]
    public void Compute_CountsOnlyScheduledDaysInsideTheWindow()
    {
        // 2026-11-09 is a Monday; two weeks to Sunday 2026-11-22 hold 6 Mon/Wed/Fri days.
        var sessions = new HashSet<DateOnly> { new(2026, 11, 9), new(2026, 11, 11), new(2026, 11, 14) /* a Saturday: not planned */ };
        var figure = Adherence.Compute(s_monWedFri, new DateOnly(2026, 11, 1), sessions, new DateOnly(2026, 11, 22), 14);
        Assert.Equal(6, figure.Planned);
        Assert.Equal(2, figure.Completed);
        Assert.Equal(33, figure.Percent);
    }

    [Fact]
    public void Compute_DaysBeforeThePlanStarted_AreNotPlanned()
    {
        var figure = Adherence.Compute(s_monWedFri, new DateOnly(2026, 11, 18), new HashSet<DateOnly> { new(2026, 11, 18) }, new DateOnly(2026, 11, 22), 14);
        Assert.Equal(2, figure.Planned); // Wed 18 and Fri 20
        Assert.Equal(50, figure.Percent);
    }

    [Fact]
    public void Percent_IsNull_WhenNothingWasPlanned()
    {
        var figure = Adherence.Compute(new HashSet<DayOfWeek>(), new DateOnly(2026, 1, 1), new HashSet<DateOnly>(), new DateOnly(2026, 11, 22), 14);
        Assert.Null(figure.Percent);
    }

    [Theory]
    [InlineData(49, 14, true)]
    [InlineData(50, 14, false)] // "below 50 %" (E6): exactly half is not low
    [InlineData(10, 13, false)] // not yet two full weeks of plan
    public void IsLow_BelowHalfAfterTwoWeeks(int percentTarget, int planDays, bool low)
    {
        var last = new DateOnly(2026, 11, 22);
        var start = last.AddDays(-(planDays - 1));
        var figure = new AdherenceFigure(14, 100, percentTarget);
        Assert.Equal(low, Adherence.IsLow(figure, start, last));
    }
}

public class NeedRankingTests
{
    private static PatientSignals P(string id, string[]? alerts = null, bool worse = false, bool clearance = false, int? adherence = 80, DateTime? since = null) =>
        new(id, alerts ?? [], worse, clearance, adherence, since);

    [Fact]
    public void Rank_OrdersUrgentThenSeeClinicianThenWorseningThenClearanceThenLowAdherenceThenOthers()
    {
        var ranked = NeedRanking.Rank(
        [
            P("fine"),
            P("low", adherence: 20),
            P("clearance", clearance: true),
            P("worse", worse: true),
            P("soon", ["see-clinician-soon"]),
            P("urgent", ["urgent-care"]),
        ]);
        Assert.Equal(["urgent", "soon", "worse", "clearance", "low", "fine"], ranked.Select(r => r.PatientId));
        Assert.Equal(NeedReason.None, ranked[^1].Top);
    }

    [Fact]
    public void Rank_KeepsEveryReason_StrongestFirst()
    {
        var ranked = NeedRanking.Rank([P("a", ["info", "urgent-care"], worse: true, adherence: 10)]);
        Assert.Equal([NeedReason.UrgentAlert, NeedReason.WorseningPain, NeedReason.LowAdherence], ranked[0].Reasons);
    }

    [Fact]
    public void Rank_InfoAlertsAlone_DoNotRaiseAPatient()
    {
        var ranked = NeedRanking.Rank([P("info", ["info"]), P("low", adherence: 10)]);
        Assert.Equal("low", ranked[0].PatientId);
    }

    [Fact]
    public void Rank_TiesGoToTheLongestWaitingAlert()
    {
        var ranked = NeedRanking.Rank(
        [
            P("new", ["urgent-care"], since: new DateTime(2026, 11, 25, 0, 0, 0, DateTimeKind.Utc)),
            P("old", ["urgent-care"], since: new DateTime(2026, 11, 20, 0, 0, 0, DateTimeKind.Utc)),
        ]);
        Assert.Equal("old", ranked[0].PatientId);
    }
}

public class PainTrendTests
{
    private static readonly DateOnly s_today = new(2026, 11, 26);

    private static PainRecord R(int daysAgo, int pain) => new(s_today.AddDays(-daysAgo), pain);

    [Fact]
    public void IsWorsening_WhenTheLastWeekAveragesTwoAboveTheFirst()
    {
        Assert.True(PainTrend.IsWorsening([R(30, 3), R(28, 3), R(5, 5), R(1, 5)], s_today));
    }

    [Fact]
    public void IsWorsening_NotWhenTheRiseIsUnderTwoPoints()
    {
        Assert.False(PainTrend.IsWorsening([R(30, 3), R(28, 4), R(5, 5), R(1, 5)], s_today));
    }

    [Fact]
    public void IsWorsening_NotWhileTheWindowsOverlap()
    {
        // A new person's first week is their baseline: one bad day in it is not a trend.
        Assert.False(PainTrend.IsWorsening([R(10, 1), R(1, 9)], s_today));
    }

    [Fact]
    public void IsWorsening_NotWithoutARecentRating()
    {
        Assert.False(PainTrend.IsWorsening([R(40, 2), R(20, 8)], s_today));
        Assert.False(PainTrend.IsWorsening([], s_today));
    }
}
