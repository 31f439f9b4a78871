using CsCheck;
using HipRehab.Core.Assessment;
using HipRehab.Core.Movement;
using HipRehab.Core.Planning;

namespace HipRehab.Core.Tests.Movement;

/// <summary>
/// Issue 14's safety property: for people inside each hip-replacement precaution window, every frame
/// of every planned variant's drawing stays clear of the movements the precautions forbid. The demands
/// are read from the poses themselves (not from the variant's declared list), and the forbidden
/// movements come from the table of docs/clinical-rules.md §2.1, written out here.
/// </summary>
public sealed class PlannedMovementPropertyTests
{
    private const int Iterations = 3_000;
    private static readonly DateOnly s_today = Intakes.Today;

    /// <summary>§2.1, with the safe defaults the catalogue adopts (crossing banned after every approach).</summary>
    private static readonly IReadOnlyDictionary<PrecautionSet, Demand[]> s_forbidden = new Dictionary<PrecautionSet, Demand[]>
    {
        [PrecautionSet.Posterior] = [Demand.HipFlexionOver90, Demand.AdductionPastMidline, Demand.InternalRotation, Demand.SideLying],
        [PrecautionSet.Anterior] = [Demand.HipExtensionPastNeutral, Demand.ExternalRotation, Demand.AdductionPastMidline],
        [PrecautionSet.Lateral] = [Demand.HipFlexionOver90, Demand.AdductionPastMidline, Demand.InternalRotation, Demand.SideLying, Demand.ActiveAbduction],
    };

    private static SurgeryApproach ApproachOf(PrecautionSet set) => set switch
    {
        PrecautionSet.Anterior => SurgeryApproach.Anterior,
        PrecautionSet.Lateral => SurgeryApproach.Lateral,
        _ => SurgeryApproach.Posterior,
    };

    /// <summary>A generated person days or weeks after a hip replacement, with the set that applies and whether a clinician recorded it.</summary>
    private sealed record Case(Intake Intake, PrecautionSet Set, bool Recorded)
    {
        public override string ToString() => $"{Set} ({(Recorded ? "recorded by a clinician" : "from the intake")}), {PlannerPropertyTests.Describe(Intake)}";
    }

    private static readonly Gen<Case> s_case =
        from intake in PlannerPropertyTests.s_intake
        from set in Gen.OneOf(Gen.Const(PrecautionSet.Posterior), Gen.Const(PrecautionSet.Anterior), Gen.Const(PrecautionSet.Lateral))
        from daysAgo in Gen.Int[0, 41]
        from recorded in Gen.Bool
        select new Case(
            intake with
            {
                // Safe to plan for: no red flags, not a very painful day, so the plan has items to check.
                RedFlags = new HashSet<RedFlag>(),
                PainNow = Math.Min(intake.PainNow, 6),
                Surgery = new Surgery(SurgeryKind.TotalHipReplacement, recorded ? null : ApproachOf(set), s_today.AddDays(-daysAgo)),
            },
            set,
            recorded);

    [Fact]
    public void EveryFrameOfEveryPlannedDrawing_AvoidsWhatTheHipReplacementPrecautionsForbid()
    {
        var library = TestLibrary.Library;
        var framesChecked = 0;
        var items = new Dictionary<PrecautionSet, int>();
        s_case.Sample(c =>
        {
            var options = c.Recorded ? new PlanningOptions(RecordedPrecautions: new RecordedPrecautions(c.Set, [], null)) : null;
            var plan = Planner.Plan(c.Intake, Screener.Screen(c.Intake, s_today), library, s_today, options);
            var forbidden = s_forbidden[c.Set];
            foreach (var item in plan.Items)
            {
                var variant = library.FindVariant(item.ExerciseId);
                Assert.NotNull(variant);
                var movement = variant.Movement;
                Assert.NotNull(movement);

                // Every frame the server draws, at the person's own hold, not only the peak the loader keeps.
                var seat = Figure.SeatHeightFor(movement);
                foreach (var (_, pose) in movement.DrawnFrames(item.Dose.HoldSeconds))
                {
                    var single = new MovementData(movement.View, movement.Props, [new MovementPhase(PhaseKind.Start, 0, false, pose)]);
                    var shown = MovementDemands.Derive(single, item.Dose.HoldSeconds);
                    var clash = forbidden.Where(shown.ContainsKey).Select(d => $"{d} ({shown[d].Joint} {shown[d].Angle})").ToList();
                    Assert.True(clash.Count == 0, $"{variant.Id} draws a forbidden movement: {string.Join(", ", clash)}");
                    Assert.True(Figure.Solve(pose, movement.Props, seat).Lowest >= -MovementDemands.ContactTolerance, $"{variant.Id}: a frame sinks below its support");
                    framesChecked++;
                }

                items[c.Set] = items.GetValueOrDefault(c.Set) + 1;
            }
        }, iter: Iterations, print: c => c.ToString());

        // Not vacuous: each set produced plans, with many frames to look at.
        foreach (var set in s_forbidden.Keys)
        {
            Assert.True(items.GetValueOrDefault(set) > 1000, $"only {items.GetValueOrDefault(set)} planned items for {set}");
        }

        Assert.True(framesChecked > 100_000, $"only {framesChecked} frames were checked");
    }

    [Fact]
    public void TheCheck_IsNotVacuous_TheArticleSquatDrawsFlexionPast90_WhichThePosteriorSetForbids()
    {
        var squat = TestLibrary.Library.FindVariant("squat-to-chair-height");
        Assert.NotNull(squat);
        var shown = MovementDemands.Derive(squat.Movement!, squat.DefaultDose.HoldSeconds);
        Assert.Contains(Demand.HipFlexionOver90, shown.Keys);
        Assert.Contains(Demand.HipFlexionOver90, s_forbidden[PrecautionSet.Posterior]);
    }
}
