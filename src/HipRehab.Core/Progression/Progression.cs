using System.Text.Json.Serialization;
using HipRehab.Core.Library;

namespace HipRehab.Core.Progression;

/// <summary>
/// What happens to an exercise after a session (PM4–PM6: <see cref="Progress"/>, <see cref="Hold"/>,
/// <see cref="Regress"/>, <see cref="Stop"/>), or, in an item's history only, a clinician's change.
/// </summary>
public enum ProgressionAction
{
    /// <summary>One step harder.</summary>
    [JsonStringEnumMemberName("progress")] Progress,

    /// <summary>Keep the same exercise and dose.</summary>
    [JsonStringEnumMemberName("hold")] Hold,

    /// <summary>One step easier.</summary>
    [JsonStringEnumMemberName("regress")] Regress,

    /// <summary>Stop the exercise for today, and step back next time.</summary>
    [JsonStringEnumMemberName("stop")] Stop,

    /// <summary>A therapist changed the item by hand (never the result of a session).</summary>
    [JsonStringEnumMemberName("tailored")] Tailored,

    /// <summary>Recorded precautions changed the item (never the result of a session).</summary>
    [JsonStringEnumMemberName("precautions")] Precautions,
}

/// <summary>Which actions a logged session can produce, as opposed to a clinician's change.</summary>
public static class ProgressionActions
{
    /// <summary>The actions of PM4–PM6, the only ones <see cref="ProgressionEngine"/> returns.</summary>
    public static IReadOnlyList<ProgressionAction> FromSessions { get; } =
        [ProgressionAction.Progress, ProgressionAction.Hold, ProgressionAction.Regress, ProgressionAction.Stop];
}

/// <summary>An exercise variant with a dose: one rung of the dose ladder.</summary>
/// <param name="ExerciseId">The variant.</param>
/// <param name="Dose">The dose.</param>
public sealed record Prescription(string ExerciseId, Dose Dose);

/// <summary>A plan item as progression sees it.</summary>
/// <param name="Current">The exercise and dose now prescribed.</param>
/// <param name="Pinned">True when a therapist pinned the dose (PL3): progression leaves it alone.</param>
public sealed record ItemState(Prescription Current, bool Pinned);

/// <summary>One logged performance of a plan item.</summary>
/// <param name="PerformedOn">The day it was done.</param>
/// <param name="Prescribed">What was prescribed at the time; only logs at the current prescription count toward a change.</param>
/// <param name="CompletedSets">Sets done.</param>
/// <param name="CompletedReps">Reps done in each set (the fewest in any set), or null for holds.</param>
/// <param name="CompletedHoldSeconds">Seconds held (the shortest hold), or null.</param>
/// <param name="PainDuring">Pain during the exercise, 0–10.</param>
/// <param name="Effort">Effort, 0–10.</param>
public sealed record ExerciseLog(DateOnly PerformedOn, Prescription Prescribed, int CompletedSets, int? CompletedReps, int? CompletedHoldSeconds,
    int PainDuring, int Effort)
{
    /// <summary>True when the whole prescribed dose was done.</summary>
    public bool CompletedDose =>
        CompletedSets >= Prescribed.Dose.Sets
        && (Prescribed.Dose.Reps is not int reps || (CompletedReps ?? 0) >= reps)
        && (Prescribed.Dose.HoldSeconds is not int hold || (CompletedHoldSeconds ?? 0) >= hold);
}

/// <summary>A morning check-in.</summary>
/// <param name="Date">The day of the check-in.</param>
/// <param name="UsualPain">Usual pain now, 0–10.</param>
/// <param name="SettledSinceLastSession">Did pain from the last session settle back to usual by this morning (PM2)?</param>
public sealed record CheckIn(DateOnly Date, int UsualPain, bool SettledSinceLastSession);

/// <summary>The result for one item after a session: what happens, why, and what comes next.</summary>
/// <param name="Action">Progress, hold, regress or stop.</param>
/// <param name="RuleIds">The rules that produced the decision.</param>
/// <param name="Explanation">Plain words for the person.</param>
/// <param name="Previous">What was prescribed.</param>
/// <param name="Next">What is prescribed from now on.</param>
public sealed record ProgressionDecision(ProgressionAction Action, IReadOnlyList<string> RuleIds, string Explanation, Prescription Previous, Prescription Next);
