using HipRehab.Core.Library;

namespace HipRehab.Core.Planning;

/// <summary>One exercise in a plan, with the reasons it is there.</summary>
/// <param name="Family">The family id.</param>
/// <param name="FamilyName">The family's display name.</param>
/// <param name="ExerciseId">The variant chosen.</param>
/// <param name="Name">The variant's name.</param>
/// <param name="Category">Strengthening or stretching.</param>
/// <param name="Level">The variant's level on its ladder.</param>
/// <param name="Dose">The dose to do.</param>
/// <param name="Days">The days of the week it is scheduled.</param>
/// <param name="Why">Each reason with its rule.</param>
public sealed record PlanItemDraft(string Family, string FamilyName, string ExerciseId, string Name, Category Category, int Level,
    Dose Dose, IReadOnlyList<DayOfWeek> Days, IReadOnlyList<Reason> Why);

/// <summary>A family left out of the plan, with the rules that kept it out.</summary>
/// <param name="Family">The family id.</param>
/// <param name="FamilyName">The family's display name.</param>
/// <param name="ExerciseId">The family's article version, which the person may have expected.</param>
/// <param name="RuleIds">Every rule that ruled out a variant of the family (or chose against it).</param>
/// <param name="Reason">Plain words.</param>
public sealed record ExcludedFamily(string Family, string FamilyName, string ExerciseId, IReadOnlyList<string> RuleIds, string Reason);

/// <summary>A generated plan: the items, what was left out, and advice to show with it.</summary>
/// <param name="Items">6–10 items when enough families are safe.</param>
/// <param name="Excluded">Every family not planned.</param>
/// <param name="Advice">Advice findings and notes.</param>
public sealed record PlanDraft(IReadOnlyList<PlanItemDraft> Items, IReadOnlyList<ExcludedFamily> Excluded, IReadOnlyList<Reason> Advice);

/// <summary>What a person with given answers would get: screening, and a plan when screening allows one.</summary>
/// <param name="Screening">The screening result.</param>
/// <param name="Plan">The plan, or null when screening blocks it.</param>
public sealed record PlanPreview(Assessment.ScreeningResult Screening, PlanDraft? Plan);

/// <summary>Optional inputs a clinician or measurement can add to planning.</summary>
/// <param name="ClearedRuleIds">See-clinician-soon findings a clinician has cleared.</param>
/// <param name="RecordedPrecautions">The surgeon's precautions as recorded by a clinician.</param>
/// <param name="FallRisk">A measured fall risk (TUG ≥ 12 s), which applies CX3.</param>
public sealed record PlanningOptions(IReadOnlySet<string>? ClearedRuleIds = null, RecordedPrecautions? RecordedPrecautions = null, bool FallRisk = false)
{
    /// <summary>No clearances, no recorded precautions.</summary>
    public static PlanningOptions None { get; } = new();
}
