using HipRehab.Core.Library;
using HipRehab.Core.Planning;
using HipRehab.Core.Progression;

namespace HipRehab.Core.Tests;

/// <summary>
/// The decision a person reads with a logged session (<see cref="ProgressionEngine.DecideAfterSession"/>):
/// a clinic's own exercise and a pinned dose are the therapist's (PL3), a back-entered session moves
/// nothing (PM4), and otherwise the session and the ones before it decide.
/// </summary>
public class ProgressionAfterSessionTests
{
    private static readonly ExerciseLibrary s_library = TestLibrary.Library;
    private static readonly DateOnly s_day = new(2026, 11, 20);
    private static readonly PersonConstraints s_anyone = PersonConstraints.For(Intakes.Typical(), s_day);

    private static Prescription Rx(string id) => new(id, TestLibrary.Variant(id).DefaultDose);

    private static ExerciseLog Done(int daysAgo, Prescription p, int pain = 0, int effort = 3) =>
        new(s_day.AddDays(-daysAgo), p, p.Dose.Sets, p.Dose.Reps, p.Dose.HoldSeconds, pain, effort);

    [Theory]
    [InlineData(2, ProgressionAction.Hold, "so it stays the same until they change it")]
    [InlineData(6, ProgressionAction.Stop, "stop this exercise for today")]
    public void AClinicsOwnExercise_WithoutItsLadder_IsLeftToTheTherapist(int pain, ProgressionAction action, string words)
    {
        var own = new Prescription("clinic-wall-slide-level-1", new Dose(2, 10, null, 60, false, null, 3));
        var decision = ProgressionEngine.DecideAfterSession(s_library, new ItemState(own, Pinned: false), Done(0, own, pain), enteredForEarlier: false,
            [Done(2, own), Done(4, own)], [], s_anyone);

        Assert.Equal(action, decision.Action);
        Assert.Equal(own, decision.Next);
        Assert.Equal("PL3", decision.RuleIds[0]);
        Assert.Contains("Your therapist set this exercise", decision.Explanation, StringComparison.Ordinal);
        Assert.Contains(words, decision.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void APinnedDose_StaysAsTheTherapistSetIt_AndPainAboveFiveStopsItForToday()
    {
        var rx = Rx("clamshell-classic");
        var held = ProgressionEngine.DecideAfterSession(s_library, new ItemState(rx, Pinned: true), Done(0, rx), false, [Done(2, rx)], [], s_anyone);
        Assert.Equal(ProgressionAction.Hold, held.Action);
        Assert.Equal(["PL3"], held.RuleIds);
        Assert.Contains("Your therapist set this dose", held.Explanation, StringComparison.Ordinal);

        var stopped = ProgressionEngine.DecideAfterSession(s_library, new ItemState(rx, Pinned: true), Done(0, rx, pain: 7), false, [], [], s_anyone);
        Assert.Equal(ProgressionAction.Stop, stopped.Action);
        Assert.Equal(["PL3", "PM1", "PM4"], stopped.RuleIds);
        Assert.Equal(rx, stopped.Next);
    }

    [Fact]
    public void ASessionEnteredForAnEarlierTime_CountsButMovesNothing()
    {
        var rx = Rx("clamshell-classic");
        // Two easy sessions would step up; entered for an earlier time than the newest, it does not.
        var decision = ProgressionEngine.DecideAfterSession(s_library, new ItemState(rx, false), Done(3, rx), enteredForEarlier: true, [Done(1, rx)], [], s_anyone);
        Assert.Equal(ProgressionAction.Hold, decision.Action);
        Assert.Equal(["PM4"], decision.RuleIds);
        Assert.Equal(rx, decision.Next);
        Assert.Contains("entered for an earlier date", decision.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void OtherwiseTheSessionAndTheOnesBeforeItDecide_AsDecideDoes()
    {
        var rx = Rx("clamshell-classic");
        var after = ProgressionEngine.DecideAfterSession(s_library, new ItemState(rx, false), Done(0, rx), false, [Done(2, rx), Done(4, rx)], [], s_anyone);
        var direct = ProgressionEngine.Decide(s_library, new ItemState(rx, false), [Done(0, rx), Done(2, rx), Done(4, rx)], [], s_anyone);
        Assert.Equal(ProgressionAction.Progress, after.Action);
        Assert.Equal((direct.Action, direct.Next, direct.Explanation), (after.Action, after.Next, after.Explanation));
        Assert.Equal(direct.RuleIds, after.RuleIds);
    }
}
