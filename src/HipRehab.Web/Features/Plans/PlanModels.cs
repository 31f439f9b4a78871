using HipRehab.Core;
using HipRehab.Core.Library;
using HipRehab.Core.Planning;
using HipRehab.Core.Progression;
using HipRehab.Web.Data;
using HipRehab.Web.Infrastructure;
using HipRehab.Web.Features.Alerts;
using HipRehab.Web.Features.Intake;

namespace HipRehab.Web.Features.Plans;

/// <summary>An exercise and dose, as the API shows a prescription.</summary>
public sealed record PrescriptionResponse(string ExerciseId, Dose Dose);

/// <summary>One progression decision in an item's history.</summary>
/// <remarks>
/// <see cref="SessionId"/> is null and <see cref="By"/> names the clinician when a therapist made the
/// change; <see cref="Previous"/> is null when the item was added.
/// </remarks>
public sealed record DecisionResponse(Guid Id, Guid PlanItemId, Guid? SessionId, DateTime CreatedAt, ProgressionAction Action,
    IReadOnlyList<string> RuleIds, string Explanation, PrescriptionResponse? Previous, PrescriptionResponse Next, string? By = null);

public sealed record PlanItemResponse(Guid Id, string Family, string FamilyName, string ExerciseId, string Name, Category Category,
    int Level, Dose Dose, IReadOnlyList<DayOfWeek> Days, IReadOnlyList<Reason> Why, bool Pinned, IReadOnlyList<DecisionResponse> History,
    bool OnHold = false);

/// <summary>The person's plan (docs/api.md): items with their reasons and history, what was left out, and advice.</summary>
/// <remarks>
/// While paused: <see cref="PausedFindings"/>, the warning signs from check-ins that paused it (a linked
/// clinician clears the see-clinician-soon ones), and <see cref="PauseNextStep"/>, what lifts the pause
/// and what the person can do meanwhile (E1R).
/// </remarks>
public sealed record PlanResponse(Guid Id, int Version, DateTime CreatedAt, string Status, string? PausedReason,
    IReadOnlyList<PlanItemResponse> Items, IReadOnlyList<ExcludedFamily> Excluded, IReadOnlyList<Reason> Advice,
    IReadOnlyList<ClearanceResponse>? Clearances = null, string? PauseNextStep = null, IReadOnlyList<PauseFinding>? PausedFindings = null);

public static class PlanMapping
{
    public static Dose DoseOf(PlanItemRecord i) => new(i.Sets, i.Reps, i.HoldSeconds, i.RestSeconds, i.PerSide,
        i.Band is null ? null : Vocab<Band>.TryParse(i.Band, out var b) ? b : null, i.DaysPerWeek);

    public static void SetDose(PlanItemRecord i, string exerciseId, Dose d)
    {
        i.ExerciseId = exerciseId;
        i.Sets = d.Sets;
        i.Reps = d.Reps;
        i.HoldSeconds = d.HoldSeconds;
        i.RestSeconds = d.RestSeconds;
        i.PerSide = d.PerSide;
        i.Band = d.Band is Band b ? Vocab<Band>.Name(b) : null;
        i.DaysPerWeek = d.DaysPerWeek;
    }

    public static Prescription PrescriptionOf(PlanItemRecord i) => new(i.ExerciseId, DoseOf(i));

    public static DecisionResponse ToResponse(DecisionRecord d) => new(d.Id, d.PlanItemId, d.SessionId, d.CreatedAt,
        Vocab<ProgressionAction>.TryParse(d.Action, out var a) ? a : ProgressionAction.Hold,
        StoredJson.Read<List<string>>(d.RuleIdsJson), d.Explanation,
        (d.PreviousJson == "null" ? null : StoredJson.Read<PrescriptionResponse>(d.PreviousJson)), StoredJson.Read<PrescriptionResponse>(d.NextJson), d.ActorEmail);

    public static PlanItemResponse ToResponse(PlanItemRecord i, ExerciseLibrary library, IEnumerable<DecisionRecord> history)
    {
        var v = library.FindVariant(i.ExerciseId);
        return new PlanItemResponse(i.Id, i.Family, v?.FamilyName ?? i.Family, i.ExerciseId, v?.Name ?? i.ExerciseId,
            v?.Category ?? Category.Strengthening, v?.Level ?? 0, DoseOf(i), JsonTextCache.Read<List<DayOfWeek>>(i.DaysJson),
            JsonTextCache.Read<List<Reason>>(i.WhyJson), i.Pinned, [.. history.Select(ToResponse)], i.OnHold);
    }

    public static PlanResponse ToResponse(PlanRecord p, ExerciseLibrary library, ILookup<Guid, DecisionRecord> history,
        IReadOnlyList<ClearanceResponse>? clearances = null) =>
        new(p.Id, p.Version, p.CreatedAt, p.Status, p.PausedReason,
            [.. p.Items.OrderBy(i => i.Position).Select(i => ToResponse(i, library, history[i.Id]))],
            StoredJson.Read<List<ExcludedFamily>>(p.ExcludedJson), StoredJson.Read<List<Reason>>(p.AdviceJson), clearances ?? [],
            p.Status == PlanStatus.Paused ? PlanPause.NextStep(PlanPause.Findings(p)) : null, p.Status == PlanStatus.Paused ? PlanPause.Findings(p) : []);
}
