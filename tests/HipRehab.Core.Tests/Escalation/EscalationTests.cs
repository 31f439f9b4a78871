using HipRehab.Core.Escalation;
using HipRehab.Core.Outcomes;
using HipRehab.Core.Rules;

namespace HipRehab.Core.Tests.Escalation;

public class EscalationTests
{
    // 2026-06-01 is a Monday.
    private static readonly DateOnly s_start = new(2026, 6, 1);
    private static readonly HashSet<DayOfWeek> s_monWedFri = [DayOfWeek.Monday, DayOfWeek.Wednesday, DayOfWeek.Friday];

    private static DateOnly Day(int n) => s_start.AddDays(n);

    private static List<PainCheckIn> Daily(int from, int to, Func<int, int> pain) =>
        [.. Enumerable.Range(from, to - from + 1).Select(d => new PainCheckIn(Day(d), pain(d)))];

    private static List<SessionPain> SessionsOnPlannedDays(int from, int to, Func<int, bool>? done = null) =>
        [.. Enumerable.Range(from, to - from + 1).Where(d => s_monWedFri.Contains(Day(d).DayOfWeek) && (done?.Invoke(d) ?? true))
            .Select(d => new SessionPain(Day(d), 2))];

    private static EscalationInput Input(int asOf, IReadOnlyList<PainCheckIn>? checkIns = null, IReadOnlyList<SessionPain>? sessions = null,
        IReadOnlyList<OutcomeResult>? outcomes = null, IReadOnlyList<PastAlert>? alerts = null, bool plan = true) => new()
    {
        AsOf = Day(asOf),
        PlanStart = plan ? s_start : null,
        ScheduledDays = s_monWedFri,
        CheckIns = checkIns ?? [],
        Sessions = sessions ?? SessionsOnPlannedDays(0, asOf),
        Outcomes = outcomes ?? [],
        Alerts = alerts ?? [],
    };

    private static EscalationAlert? Fired(EscalationInput input, string ruleId) =>
        EscalationEngine.Evaluate(input).SingleOrDefault(a => a.RuleId == ruleId);

    // ---- E2 worsening ----

    [Fact]
    public void E2_AverageTwoAboveBaselineForSevenDays_Fires()
    {
        // Baseline days 0–6 at 3; from day 7 pain 6. On day d the window holds (13−d) threes and
        // (d−6) sixes, so the average is 5 or more once (d−6)(6−3) ≥ 14.
        var checkIns = Daily(0, 30, d => d < 7 ? 3 : 6);
        // (d−6)(6−3) ≥ 14 first holds on day 11; seven days of it end on day 17.
        Assert.Null(Fired(Input(16, checkIns), "E2"));
        var alert = Fired(Input(17, checkIns), "E2");
        Assert.NotNull(alert);
        Assert.Equal(AlertSeverity.SeeClinicianSoon, alert.Severity);
        Assert.Contains("physical therapist or doctor", alert.Message, StringComparison.Ordinal);
        Assert.Contains("3.0", alert.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void E2_ExactlyTwoAboveCounts_JustUnderDoesNot()
    {
        Assert.NotNull(Fired(Input(30, Daily(0, 30, d => d < 7 ? 3 : 5)), "E2"));
        // Baseline 22/7 ≈ 3.14: a steady 5 is 1.86 above it.
        Assert.Null(Fired(Input(30, Daily(0, 30, d => d < 7 ? (d == 0 ? 4 : 3) : 5)), "E2"));
    }

    [Fact]
    public void E2_OneHighRatingCarriedThroughTheWindow_DoesNotFire()
    {
        var checkIns = Daily(0, 6, _ => 2);
        checkIns.Add(new PainCheckIn(Day(10), 7));
        Assert.All(Enumerable.Range(10, 7), d => Assert.Null(Fired(Input(d, checkIns), "E2")));
    }

    [Fact]
    public void E2_BackEnteredRecords_CountOnTheirOwnDates()
    {
        // Paper check-ins for days 7–20 typed in on day 20, in reverse: same answer as daily entry.
        var checkIns = Daily(0, 20, d => d < 7 ? 2 : 6);
        checkIns.Reverse();
        Assert.NotNull(Fired(Input(20, checkIns), "E2"));
        // A check-in dated after AsOf is not counted.
        Assert.Null(Fired(Input(6, Daily(0, 20, d => d < 3 ? 2 : 9)), "E2"));
    }

    [Fact]
    public void E2_PainNotSettledAfterThreeSessionsInARow_Fires()
    {
        var sessions = new List<SessionPain> { new(Day(0), 3), new(Day(2), 3), new(Day(4), 3) };
        var checkIns = new List<PainCheckIn> { new(Day(1), 3, false), new(Day(3), 3, false), new(Day(5), 3, false) };
        var alert = Fired(Input(5, checkIns, sessions), "E2");
        Assert.NotNull(alert);
        Assert.Contains("PM2", alert.RuleIds);

        checkIns[1] = new PainCheckIn(Day(3), 3, true);
        Assert.Null(Fired(Input(5, checkIns, sessions), "E2"));
        checkIns[1] = new PainCheckIn(Day(3), 3, null); // no answer is not "not settled"
        Assert.Null(Fired(Input(5, checkIns, sessions), "E2"));
    }

    [Fact]
    public void E2_AlreadyOpen_DoesNotFireAgain_AndAfterResolvingWaitsItsWindow()
    {
        var checkIns = Daily(0, 40, d => d < 7 ? 3 : 6);
        Assert.Null(Fired(Input(30, checkIns, alerts: [new("E2", AlertSeverity.SeeClinicianSoon, Day(17), Resolved: false)]), "E2"));
        Assert.Null(Fired(Input(23, checkIns, alerts: [new("E2", AlertSeverity.SeeClinicianSoon, Day(17), Resolved: true)]), "E2"));
        Assert.NotNull(Fired(Input(24, checkIns, alerts: [new("E2", AlertSeverity.SeeClinicianSoon, Day(17), Resolved: true)]), "E2"));
    }

    // ---- E3 persisting ----

    private static List<PainCheckIn> Pain(int baseline, int later, int days = 90) => Daily(0, days, d => d < 7 ? baseline : later);

    [Fact]
    public void E3_TwelveAdherentWeeksWithoutMeaningfulImprovement_Fires()
    {
        var alert = Fired(Input(84, Pain(5, 4)), "E3");
        Assert.NotNull(alert);
        Assert.Equal(AlertSeverity.SeeClinician, alert.Severity);
        Assert.Contains("physical therapist or doctor", alert.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void E3_BeforeTwelveWeeks_DoesNotFire() => Assert.Null(Fired(Input(83, Pain(5, 4)), "E3"));

    [Theory]
    [InlineData(5, 3)] // 2 points
    [InlineData(3, 2)] // 1 point but 33 %
    [InlineData(10, 7)] // 3 points
    [InlineData(0, 0)] // no pain to improve
    public void E3_MeaningfulImprovement_DoesNotFire(int baseline, int later) =>
        Assert.Null(Fired(Input(84, Pain(baseline, later)), "E3"));

    [Theory]
    [InlineData(5, 4)] // 1 point, 20 %
    [InlineData(7, 6)]
    [InlineData(4, 6)] // worse
    public void E3_LessThanTwoPointsAndThirtyPercent_Fires(int baseline, int later) =>
        Assert.NotNull(Fired(Input(84, Pain(baseline, later)), "E3"));

    [Fact]
    public void E3_AdherenceUnderHalf_DoesNotFire_AtHalf_Fires()
    {
        var planned = SessionsOnPlannedDays(0, 84);
        // Keep exactly half of the planned days (rounded up), then one fewer.
        var half = planned.Take((planned.Count + 1) / 2).ToList();
        var lessThanHalf = planned.Take((planned.Count / 2) - 1).ToList();
        Assert.NotNull(Fired(Input(84, Pain(5, 4), half), "E3"));
        Assert.Null(Fired(Input(84, Pain(5, 4), lessThanHalf), "E3"));
    }

    [Theory]
    [InlineData("4", "6", false)] // PSFS up 2: meaningful
    [InlineData("4", "5.9", true)]
    public void E3_PsfsImprovedByTwo_DoesNotFire(string first, string last, bool fires)
    {
        var psfs = new[]
        {
            new OutcomeResult(Instrument.Psfs, Day(0), decimal.Parse(first, System.Globalization.CultureInfo.InvariantCulture)),
            new OutcomeResult(Instrument.Psfs, Day(84), decimal.Parse(last, System.Globalization.CultureInfo.InvariantCulture)),
        };
        Assert.Equal(fires, Fired(Input(84, Pain(5, 4), outcomes: psfs), "E3") is not null);
    }

    // ---- E4 review ----

    [Theory]
    [InlineData(41, false)]
    [InlineData(42, true)]
    [InlineData(56, true)]
    [InlineData(57, false)]
    public void E4_FiresInWeeksSixToEight(int day, bool fires) =>
        Assert.Equal(fires, Fired(Input(day, Daily(0, day, _ => 3)), "E4") is not null);

    [Fact]
    public void E4_OncePerPlan_EvenAfterResolving()
    {
        Assert.Null(Fired(Input(50, alerts: [new("E4", AlertSeverity.Info, Day(42), Resolved: true)]), "E4"));
        Assert.Null(Fired(Input(50, plan: false), "E4"));
    }

    // ---- E5 a rating of 8 or more ----

    [Fact]
    public void E5_ASessionRatingOfEight_AdvisesRestToday()
    {
        var alert = Fired(Input(3, Daily(0, 2, _ => 3), [new SessionPain(Day(3), 8)]), "E5");
        Assert.NotNull(alert);
        Assert.Equal(AlertSeverity.Info, alert.Severity);
        Assert.Contains("do not exercise today", alert.Message, StringComparison.Ordinal);
        Assert.Null(Fired(Input(3, Daily(0, 2, _ => 3), [new SessionPain(Day(3), 7)]), "E5"));
    }

    [Fact]
    public void E5_StillHighAtTheNextCheckIn_SeeAClinicianSoon_UpgradingTheOpenAlert()
    {
        var checkIns = Daily(0, 2, _ => 3);
        checkIns.Add(new PainCheckIn(Day(3), 9));
        checkIns.Add(new PainCheckIn(Day(4), 8));
        var alert = Fired(Input(4, checkIns, alerts: [new("E5", AlertSeverity.Info, Day(3), Resolved: false)]), "E5");
        Assert.NotNull(alert);
        Assert.Equal(AlertSeverity.SeeClinicianSoon, alert.Severity);

        Assert.Null(Fired(Input(4, checkIns, alerts: [new("E5", AlertSeverity.SeeClinicianSoon, Day(4), Resolved: false)]), "E5"));
    }

    [Fact]
    public void E5_HighThenLowerAtTheNextCheckIn_DoesNotPersist()
    {
        var checkIns = new List<PainCheckIn> { new(Day(3), 9), new(Day(4), 5) };
        Assert.Null(Fired(Input(4, checkIns, []), "E5"));
    }

    [Fact]
    public void E5_AnOldRatingAlreadyRaisedAndResolved_IsNotRaisedAgain()
    {
        var checkIns = new List<PainCheckIn> { new(Day(3), 9) };
        Assert.Null(Fired(Input(6, checkIns, [], alerts: [new("E5", AlertSeverity.Info, Day(3), Resolved: true)]), "E5"));
    }

    // ---- E6 low adherence ----

    [Fact]
    public void E6_UnderHalfForTwoWeeks_IsAGentleInfo()
    {
        var sessions = SessionsOnPlannedDays(0, 13, d => d < 3); // 1 or 2 of 6
        var alert = Fired(Input(13, sessions: sessions), "E6");
        Assert.NotNull(alert);
        Assert.Equal(AlertSeverity.Info, alert.Severity);
        Assert.Null(Fired(Input(12, sessions: sessions), "E6")); // not yet two weeks of plan
        Assert.Null(Fired(Input(13, sessions: SessionsOnPlannedDays(0, 13, d => d < 6)), "E6")); // 3 of 6 = 50 %
        Assert.Null(Fired(Input(20, sessions: sessions, alerts: [new("E6", AlertSeverity.Info, Day(13), Resolved: true)]), "E6"));
    }

    // ---- E1 red flags ----

    [Fact]
    public void E1_UrgentRedFlagAtTheLatestCheckIn_UrgentCareAndPausesThePlan()
    {
        var checkIns = new List<PainCheckIn> { new(Day(0), 3), new(Day(1), 3, true, new HashSet<RedFlag> { RedFlag.HotSwollenFever }) };
        var alerts = EscalationEngine.Evaluate(Input(1, checkIns));
        var e1 = Assert.Single(alerts, a => a.RuleId == "E1");
        Assert.Equal(AlertSeverity.UrgentCare, e1.Severity);
        Assert.True(e1.PausePlan);
        Assert.Contains("RF2", e1.RuleIds);
        Assert.Same(e1, alerts[0]); // strongest first
    }

    [Fact]
    public void E1_AdviceOnlyFlag_IsInfo_AndDoesNotPause()
    {
        var checkIns = new List<PainCheckIn> { new(Day(1), 3, true, new HashSet<RedFlag> { RedFlag.LongMorningStiffness }) };
        var e1 = Fired(Input(1, checkIns), "E1")!;
        Assert.Equal(AlertSeverity.Info, e1.Severity);
        Assert.False(e1.PausePlan);
    }

    [Fact]
    public void E1_SeeClinicianSoonFlag_Pauses_AndIsNotRepeatedForTheSameCheckIn()
    {
        var checkIns = new List<PainCheckIn> { new(Day(1), 3, true, new HashSet<RedFlag> { RedFlag.SpreadingWeaknessNumbness }) };
        var e1 = Fired(Input(1, checkIns), "E1")!;
        Assert.Equal(AlertSeverity.SeeClinicianSoon, e1.Severity);
        Assert.True(e1.PausePlan);
        Assert.Null(Fired(Input(2, checkIns, alerts: [new("E1", AlertSeverity.SeeClinicianSoon, Day(1), Resolved: true)]), "E1"));
        // An urgent flag is still raised while a weaker E1 is open.
        checkIns.Add(new PainCheckIn(Day(2), 3, true, new HashSet<RedFlag> { RedFlag.CalfSwellingChestBreathless }));
        Assert.Equal(AlertSeverity.UrgentCare,
            Fired(Input(2, checkIns, alerts: [new("E1", AlertSeverity.SeeClinicianSoon, Day(1), Resolved: false)]), "E1")!.Severity);
    }

    [Fact]
    public void E1_FlagOnlyOnAnOlderCheckIn_IsNotRaisedAgain_ButABackEnteredOneIsNeverLost()
    {
        var checkIns = new List<PainCheckIn> { new(Day(1), 3, true, new HashSet<RedFlag> { RedFlag.HotSwollenFever }), new(Day(2), 3) };
        // Raised when it was entered (open or already resolved): not again.
        Assert.Null(Fired(Input(2, checkIns, alerts: [new("E1", AlertSeverity.UrgentCare, Day(1), Resolved: false)]), "E1"));
        Assert.Null(Fired(Input(2, checkIns, alerts: [new("E1", AlertSeverity.UrgentCare, Day(1), Resolved: true)]), "E1"));
        // Entered after the later check-in, so never raised yet: it is raised now.
        Assert.Equal(AlertSeverity.UrgentCare, Fired(Input(2, checkIns), "E1")!.Severity);
        // A clinician resolved an E1 before the flagged day: the new flag is raised.
        Assert.NotNull(Fired(Input(2, checkIns, alerts: [new("E1", AlertSeverity.UrgentCare, Day(0), Resolved: true)]), "E1"));
    }

    // ---- all ----

    [Fact]
    public void NoRecords_NoPlan_NothingFires() =>
        Assert.Empty(EscalationEngine.Evaluate(new EscalationInput { AsOf = Day(0) }));

    [Fact]
    public void EveryAlert_NamesCatalogueRules_AndSaysWhatToDoWithoutAlarm()
    {
        var checkIns = Daily(0, 90, d => d < 7 ? 3 : 9);
        checkIns[^1] = checkIns[^1] with { RedFlags = new HashSet<RedFlag> { RedFlag.SuddenSeverePain } };
        var sessions = SessionsOnPlannedDays(0, 90, d => d % 2 == 0 || d < 80);
        var alerts = EscalationEngine.Evaluate(Input(90, checkIns, sessions))
            .Concat(EscalationEngine.Evaluate(Input(45, Daily(0, 45, _ => 3), SessionsOnPlannedDays(0, 30))))
            .ToList();
        Assert.Equal(["E1", "E2", "E3", "E4", "E5", "E6"], alerts.Select(a => a.RuleId).Distinct().Order(StringComparer.Ordinal));
        Assert.All(alerts, a =>
        {
            Assert.Equal(a.RuleId, a.RuleIds[0]);
            Assert.All(a.RuleIds, id => Assert.True(RuleCatalogue.Contains(id), id));
            Assert.False(string.IsNullOrWhiteSpace(a.Message));
            Assert.DoesNotContain("!", a.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("diagnos", a.Message, StringComparison.OrdinalIgnoreCase);
        });
    }
}
