using CsCheck;
using HipRehab.Core.Assessment;
using HipRehab.Core.Escalation;
using HipRehab.Core.Library;
using HipRehab.Core.Planning;
using HipRehab.Core.Progression;

namespace HipRehab.Core.Tests;

/// <summary>
/// Three rules checked over generated people and pain trajectories: a very high pain rating at the
/// intake means no exercise that day (E5); the leaning piriformis stretch never reaches a person with a
/// hip replacement, however long ago (THR-PF); a pause from a check-in ends only as E1R says.
/// </summary>
public class ClinicalSafetyPropertyTests
{
    private static readonly ExerciseLibrary s_library = TestLibrary.Library;
    private static readonly DateOnly s_today = Intakes.Today;

    private static bool LeansForward(ExerciseVariant v) => v.Family == "piriformis-stretch" && v.Demands.Contains(Demand.ForwardLeanSeated);

    // ---- E5 at the intake ----

    [Fact]
    public void Intake_WithPainEightOrMore_CarriesE5sAdviceOnTheScreeningAndThePlan_AndUnderEightNever()
    {
        var withE5 = 0;
        PlannerPropertyTests.s_intake.Sample(intake =>
        {
            var preview = Planner.Preview(intake, s_library, s_today);
            var high = intake.PainNow >= Screener.VeryHighPain;
            var finding = preview.Screening.Findings.SingleOrDefault(f => f.RuleId == "E5");
            Assert.Equal(high, finding is not null);
            if (finding is not null)
            {
                withE5++;
                // Advice: it never blocks a plan by itself, and says not to exercise today, when to start and when to see someone.
                Assert.Equal(ScreeningOutcome.Advice, finding.Outcome);
                Assert.Contains("do not exercise today", finding.Message, StringComparison.Ordinal);
                Assert.Contains("next day your pain is lower", finding.Message, StringComparison.Ordinal);
                Assert.Contains("physical therapist or doctor", finding.Message, StringComparison.Ordinal);
            }

            if (preview.Plan is { } plan)
            {
                Assert.Equal(high, plan.Advice.Any(a => a.RuleId == "E5"));
            }
        }, iter: 10_000, print: PlannerPropertyTests.Describe);
        Assert.True(withE5 > 1000, $"only {withE5} generated intakes had pain of 8 or more");
    }

    [Theory]
    [InlineData(7, false)]
    [InlineData(8, true)]
    [InlineData(10, true)]
    public void Intake_APlainOsteoarthritisIntake_ScreensAdviceWithE5_ExactlyFromEight(int painNow, bool e5)
    {
        var screening = Screener.Screen(Intakes.Typical() with { PainNow = painNow }, s_today);
        Assert.Equal(e5 ? ScreeningOutcome.Advice : ScreeningOutcome.Clear, screening.Outcome);
        Assert.Equal(e5, screening.Findings.Any(f => f.RuleId == "E5"));
    }

    // ---- E5: the intake's rating is the first rating of "persists at the next check-in" ----

    [Fact]
    public void E5_AVeryHighIntakeThenAVeryHighCheckInTheNextDay_IsSeeClinicianSoon()
    {
        var input = new EscalationInput
        {
            AsOf = s_today.AddDays(1),
            IntakeRatings = [new IntakePain(s_today, 9)],
            CheckIns = [new PainCheckIn(s_today.AddDays(1), 8)],
            Alerts = [new PastAlert("E5", AlertSeverity.Info, s_today, Resolved: false)],
        };
        var alert = Assert.Single(EscalationEngine.Evaluate(input), a => a.RuleId == "E5");
        Assert.Equal(AlertSeverity.SeeClinicianSoon, alert.Severity);
    }

    [Fact]
    public void E5_AVeryHighIntakeAlone_IsRestTodayAdvice_AndAModerateOneNothing()
    {
        var today = new EscalationInput { AsOf = s_today, IntakeRatings = [new IntakePain(s_today, 9)] };
        var alert = Assert.Single(EscalationEngine.Evaluate(today), a => a.RuleId == "E5");
        Assert.Equal(AlertSeverity.Info, alert.Severity);
        Assert.Contains("do not exercise today", alert.Message, StringComparison.Ordinal);

        Assert.DoesNotContain(EscalationEngine.Evaluate(today with { IntakeRatings = [new IntakePain(s_today, 7)] }), a => a.RuleId == "E5");
        // A moderate intake before a very high check-in: the check-in is the first rating, not a persisting one.
        var later = new EscalationInput
        {
            AsOf = s_today.AddDays(1),
            IntakeRatings = [new IntakePain(s_today, 7)],
            CheckIns = [new PainCheckIn(s_today.AddDays(1), 8)],
        };
        Assert.Equal(AlertSeverity.Info, Assert.Single(EscalationEngine.Evaluate(later), a => a.RuleId == "E5").Severity);
    }

    // ---- THR-PF: the leaning piriformis stretch, never after a hip replacement ----

    private sealed record Person(Intake Intake, int DaysSinceSurgery, RecordedPrecautions? Recorded, int[] Pains, int[] Efforts, bool[] Full)
    {
        public override string ToString() =>
            $"{Intake.Surgery}, {DaysSinceSurgery} days since surgery, recorded {Recorded?.Set}, floor {Intake.Abilities.GetDownToFloor}, " +
            $"equipment [{string.Join(",", Intake.Equipment)}]\n  pains [{string.Join(",", Pains)}]";
    }

    private const int Sessions = 40;

    private static readonly Gen<Person> s_replaced =
        from approach in Gen.Nullable(Gen.Enum<SurgeryApproach>(), 0.2)
        from daysSince in Gen.OneOf(Gen.Int[0, 730], Gen.Int[40, 50])
        from dateKnown in Gen.Int[0, 9]
        from floor in Gen.Bool
        from bed in Gen.Bool
        from pregnantOrOsteo in Gen.Int[0, 9]
        from recorded in Gen.Frequency((3, Gen.Const((RecordedPrecautions?)null)),
            (1, from set in Gen.Enum<PrecautionSet>()
                from untilDays in Gen.Nullable(Gen.Int[-30, 60], 0.3)
                select (RecordedPrecautions?)new RecordedPrecautions(set, set == PrecautionSet.Custom ? [Demand.Kneeling] : [],
                    untilDays is int u ? s_today.AddDays(u) : null)))
        // Mostly easy sessions, so that the ladder is climbed; now and then a painful or an unfinished one.
        from pains in Gen.Frequency((8, Gen.Int[0, 2]), (1, Gen.Int[3, 5]), (1, Gen.Int[6, 10])).Array[Sessions]
        from efforts in Gen.Frequency((6, Gen.Int[0, 4]), (1, Gen.Int[5, 10])).Array[Sessions]
        from full in Gen.Frequency((9, Gen.Const(true)), (1, Gen.Const(false))).Array[Sessions]
        let surgery = new Surgery(SurgeryKind.TotalHipReplacement, approach, dateKnown == 0 ? null : s_today.AddDays(-daysSince))
        let equipment = bed ? new HashSet<Equipment> { Equipment.Chair, Equipment.Bed, Equipment.Wall } : new HashSet<Equipment> { Equipment.Chair, Equipment.Wall }
        let intake = Intakes.Typical() with
        {
            Cause = Cause.AfterSurgery,
            Surgery = surgery,
            Abilities = new Abilities(floor, true, true),
            Equipment = equipment,
            Osteoporosis = pregnantOrOsteo == 0,
        }
        select new Person(intake, daysSince, recorded, pains, efforts, full);

    /// <summary>
    /// Plans on the first day, then logs a session every other day for 80 days, each decided with the
    /// constraints of its own day (so the 6-week window ends part-way for many people), and returns every
    /// variant the piriformis item held.
    /// </summary>
    private static List<ExerciseVariant> PiriformisJourney(Person p)
    {
        var plan = Planner.Plan(p.Intake, Screener.Screen(p.Intake, s_today), s_library, s_today, new PlanningOptions(RecordedPrecautions: p.Recorded));
        var held = new List<ExerciseVariant>();
        if (plan.Items.FirstOrDefault(i => i.Family == "piriformis-stretch") is not { } item)
        {
            return held;
        }

        var current = new Prescription(item.ExerciseId, item.Dose);
        held.Add(s_library.FindVariant(current.ExerciseId)!);
        var logs = new List<ExerciseLog>();
        for (var s = 0; s < Sessions; s++)
        {
            var day = s_today.AddDays(2 * s);
            var d = current.Dose;
            logs.Insert(0, p.Full[s]
                ? new ExerciseLog(day, current, d.Sets, d.Reps, d.HoldSeconds, p.Pains[s], p.Efforts[s])
                : new ExerciseLog(day, current, Math.Max(0, d.Sets - 1), d.Reps, d.HoldSeconds, p.Pains[s], p.Efforts[s]));
            var constraints = PersonConstraints.For(p.Intake, day, p.Recorded);
            var decision = ProgressionEngine.Decide(s_library, new ItemState(current, false), logs, [], constraints);
            current = decision.Next;
            held.Add(s_library.FindVariant(current.ExerciseId)!);
        }

        return held;
    }

    [Fact]
    public void AfterAHipReplacement_AnyApproachAndDate_NoPlanOrProgressionEverHoldsTheLeaningPiriformisStretch()
    {
        var reachedUpright = 0;
        s_replaced.Sample(p =>
        {
            var held = PiriformisJourney(p);
            var leaning = held.FirstOrDefault(LeansForward);
            Assert.True(leaning is null, $"the piriformis item reached {leaning?.Id}");
            if (held.Any(v => v.Id == "piriformis-stretch-seated-upright"))
            {
                reachedUpright++;
            }
        }, iter: 2_000, print: p => p.ToString());
        // Not vacuous: many of these people climbed to the step just below the leaning versions.
        Assert.True(reachedUpright > 200, $"only {reachedUpright} journeys reached the upright seated stretch");
    }

    [Fact]
    public void WithoutAHipReplacement_TheSameJourney_ReachesTheLeaningVersion()
    {
        // The oracle above is not vacuous: the same easy sessions take a person without surgery there.
        var person = new Person(Intakes.Typical() with { Abilities = new Abilities(false, true, true), Equipment = new HashSet<Equipment> { Equipment.Chair } },
            0, null, [.. Enumerable.Repeat(1, Sessions)], [.. Enumerable.Repeat(2, Sessions)], [.. Enumerable.Repeat(true, Sessions)]);
        Assert.Contains(PiriformisJourney(person), LeansForward);
    }

    [Theory]
    [InlineData(SurgeryApproach.Posterior)]
    [InlineData(SurgeryApproach.Anterior)]
    [InlineData(SurgeryApproach.Lateral)]
    [InlineData(SurgeryApproach.Unknown)]
    public void AfterAHipReplacementLongAgo_TheLadderStopsBelowTheLeaningVersion_SayingWhyWithTHRPF(SurgeryApproach approach)
    {
        var intake = Intakes.AfterReplacement(approach, daysAgo: 400) with { Abilities = new Abilities(false, true, true) };
        var constraints = PersonConstraints.For(intake, s_today);
        var upright = s_library.FindVariant("piriformis-stretch-seated-upright")!;
        var top = new Prescription(upright.Id, upright.DefaultDose with { Sets = upright.Progression.MaxSets, HoldSeconds = upright.Progression.MaxHoldSeconds });
        ExerciseLog Easy(int daysAgo) => new(s_today.AddDays(-daysAgo), top, top.Dose.Sets, null, top.Dose.HoldSeconds, 0, 2);

        var decision = ProgressionEngine.Decide(s_library, new ItemState(top, false), [Easy(0), Easy(2)], [], constraints);

        Assert.Equal(ProgressionAction.Hold, decision.Action);
        Assert.Equal(top, decision.Next);
        Assert.Contains("THR-PF", decision.RuleIds);
        Assert.Contains("Seated", decision.Explanation, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("after a hip replacement", decision.Explanation, StringComparison.Ordinal);
        Assert.Null(constraints.Precautions); // the 6-week precautions are long over: this rule has no end date
    }

    [Fact]
    public void ARecordedHipReplacementSet_AppliesTheLastingRestriction_EvenWhenTheIntakeNamedNoSurgery()
    {
        var constraints = PersonConstraints.For(Intakes.Typical(), s_today, new RecordedPrecautions(PrecautionSet.Anterior, [], s_today.AddDays(-1)));
        Assert.Contains(constraints.Check(s_library.FindVariant("piriformis-stretch-seated-press")!), r => r.RuleId == "THR-PF");
        // Other families' forward leans are not touched by this rule (the hamstring's follows its own precautions).
        Assert.DoesNotContain(s_library.Variants.Where(v => v.Family != "piriformis-stretch").SelectMany(constraints.Check), r => r.RuleId == "THR-PF");
    }

    // ---- E1R: what ends a pause from a check-in ----

    private static Finding F(string rule, ScreeningOutcome outcome) => new(rule, outcome, "");

    [Fact]
    public void CheckInPause_SeeClinicianSoon_EndsOnlyWhenEveryFindingIsCleared_NeverByANewIntake()
    {
        Finding[] pause = [F("RF9", ScreeningOutcome.SeeClinicianSoon), F("RF8", ScreeningOutcome.SeeClinicianSoon)];
        Assert.False(CheckInPause.CanResume(pause, new HashSet<string>(), screenedAgainSincePause: true));
        Assert.False(CheckInPause.CanResume(pause, new HashSet<string> { "RF9" }, screenedAgainSincePause: true));
        Assert.True(CheckInPause.CanResume(pause, new HashSet<string> { "RF9", "RF8" }, screenedAgainSincePause: false));
    }

    [Fact]
    public void CheckInPause_UrgentCare_NeedsANewIntakeAfterCare_AndClearanceOfTheRest()
    {
        Finding[] urgent = [F("RF1", ScreeningOutcome.UrgentCare)];
        Assert.False(CheckInPause.CanResume(urgent, new HashSet<string> { "RF1" }, screenedAgainSincePause: false));
        Assert.True(CheckInPause.CanResume(urgent, new HashSet<string>(), screenedAgainSincePause: true));

        Finding[] both = [F("RF1", ScreeningOutcome.UrgentCare), F("RF9", ScreeningOutcome.SeeClinicianSoon)];
        Assert.False(CheckInPause.CanResume(both, new HashSet<string>(), screenedAgainSincePause: true));
        Assert.True(CheckInPause.CanResume(both, new HashSet<string> { "RF9" }, screenedAgainSincePause: true));
    }
}
