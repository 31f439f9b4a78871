using HipRehab.Core;
using HipRehab.Core.Library;
using HipRehab.Core.Planning;
using HipRehab.Core.Progression;
using HipRehab.Web.Data;
using HipRehab.Web.Features.Plans;
using HipRehab.Web.Infrastructure;

namespace HipRehab.Web.Features.Tailoring;

/// <summary>
/// The checks and changes behind a therapist's tailoring: a dose within the variant's own limits
/// (the library's ladder, PM5), an exercise that keeps within the person's constraints, and the
/// decision each change leaves in the item's history.
/// </summary>
public static class TailoringRules
{
    /// <summary>The rule a therapist's change cites.</summary>
    public const string TailoredRule = "PL5";

    /// <summary>The longest rest between sets the library itself allows (LibraryLoader's bound).</summary>
    public const int MaxRestSeconds = 600;

    /// <summary>
    /// The dose the request asks for, checked against the variant: within its progression limits,
    /// reps and holds only where the variant has them, a band only for banded variants, sides as
    /// its laterality says. Omitted fields keep <paramref name="basis"/>. Errors name <c>dose.field</c>.
    /// </summary>
    public static Dose? CheckDose(DoseRequest request, ExerciseVariant variant, Dose basis, Dictionary<string, string[]> errors)
    {
        var limits = variant.Progression;
        var start = variant.DefaultDose;
        var before = errors.Count;
        var sets = request.Sets ?? basis.Sets;
        if (sets < 1 || sets > limits.MaxSets)
        {
            errors["dose.sets"] = [$"For {variant.Name}, choose 1 to {limits.MaxSets} sets (the most this exercise allows, PM5)."];
        }

        int? reps = request.Reps ?? basis.Reps;
        if (start.Reps is null)
        {
            if (request.Reps is not null)
            {
                errors["dose.reps"] = [$"{variant.Name} is a hold, not counted in reps. Leave reps out."];
            }

            reps = null;
        }
        else if (reps is not int r || r < 1 || r > (limits.MaxReps ?? start.Reps.Value))
        {
            errors["dose.reps"] = [$"For {variant.Name}, choose 1 to {limits.MaxReps ?? start.Reps} reps (the most this exercise allows, PM5)."];
        }

        int? hold = request.HoldSeconds ?? basis.HoldSeconds;
        var maxHold = limits.MaxHoldSeconds ?? start.HoldSeconds;
        if (maxHold is null)
        {
            if (request.HoldSeconds is not null)
            {
                errors["dose.holdSeconds"] = [$"{variant.Name} has no hold. Leave holdSeconds out."];
            }

            hold = null;
        }
        else if (hold is int h && (h < 1 || h > maxHold))
        {
            errors["dose.holdSeconds"] = [$"For {variant.Name}, hold 1 to {maxHold} seconds (the most this exercise allows, PM5)."];
        }
        else if (hold is null && start.Reps is null)
        {
            errors["dose.holdSeconds"] = [$"{variant.Name} needs a hold time (D4)."];
        }

        var rest = request.RestSeconds ?? basis.RestSeconds;
        if (rest < 0 || rest > MaxRestSeconds)
        {
            errors["dose.restSeconds"] = [$"Choose a rest of 0 to {MaxRestSeconds} seconds."];
        }

        var perSide = variant.Laterality == Laterality.EachSide;
        if (request.PerSide is bool ps && ps != perSide)
        {
            errors["dose.perSide"] = [perSide ? $"{variant.Name} is done on each side." : $"{variant.Name} is done with both legs together."];
        }

        Band? band = null;
        var banded = start.Band is not null;
        if (request.Band is { } text)
        {
            if (!Vocab<Band>.TryParse(text, out var b))
            {
                errors["dose.band"] = [$"Use one of: {string.Join(", ", Vocab<Band>.Names)}."];
            }
            else if (!banded)
            {
                errors["dose.band"] = [$"{variant.Name} does not use a band. Leave band out."];
            }
            else if (b > (limits.MaxBand ?? start.Band!.Value))
            {
                errors["dose.band"] = [$"For {variant.Name}, the strongest band is {Vocab<Band>.Name(limits.MaxBand ?? start.Band!.Value)} (PM5)."];
            }
            else
            {
                band = b;
            }
        }
        else if (banded)
        {
            band = basis.Band ?? start.Band;
        }

        var days = request.DaysPerWeek ?? basis.DaysPerWeek;
        if (days < 1 || days > 7)
        {
            errors["dose.daysPerWeek"] = ["Choose 1 to 7 days a week."];
        }

        return errors.Count > before ? null : new Dose(sets, reps, hold, rest, perSide, band, days);
    }

    /// <summary>A dose is only meaningful for its own variant: one from another variant starts at the new variant's own start.</summary>
    public static Dose BasisFor(ExerciseVariant variant, PlanItemRecord item) =>
        item.ExerciseId == variant.Id ? PlanMapping.DoseOf(item) : variant.DefaultDose;

    /// <summary>Plain words for the rules that rule out a variant, e.g. "it asks for … (THR-P)".</summary>
    public static string Describe(IEnumerable<Reason> reasons) =>
        string.Join("; ", reasons.Where(r => r.RuleId != "THR-D").DistinctBy(r => r.Text).Select(r => $"{r.Text} ({r.RuleId})"));

    public static List<string> RuleIds(IEnumerable<Reason> reasons) => [.. reasons.Select(r => r.RuleId).Distinct()];

    /// <summary>A decision in the item's history, made by a clinician, or by a measured result when <paramref name="actorId"/> is null (no session).</summary>
    public static DecisionRecord Decision(PlanItemRecord item, ProgressionAction action, IReadOnlyList<string> ruleIds, string explanation,
        PrescriptionResponse? previous, string? actorId, string? actorEmail, DateTime now) => new()
        {
            Id = OrderedIds.Next(), UserId = item.UserId, PlanItemId = item.Id, SessionId = null, ActorId = actorId, ActorEmail = actorEmail,
            CreatedAt = now, Action = Vocab<ProgressionAction>.Name(action), RuleIdsJson = StoredJson.Write(ruleIds), Explanation = explanation,
            PreviousJson = StoredJson.Write(previous), NextJson = StoredJson.Write(new PrescriptionResponse(item.ExerciseId, PlanMapping.DoseOf(item))),
        };

    /// <summary>
    /// Brings the plan's items within the constraints (new precautions). An item that breaks them
    /// moves to the closest version of its family that is easier and allowed, at that version's
    /// starting dose — never to a harder one, since a precaution change is a reason for care. When
    /// no easier version is allowed the item goes on hold, which is safer than guessing; an item on
    /// hold whose version is allowed again comes back. Pinned items follow the precautions too:
    /// safety comes before a pinned dose. Each change is a decision in the item's history. The
    /// explanations start with <c>cause</c> (why the constraints changed); an item back from hold
    /// names <c>allowedAgainRuleIds</c> and starts with <c>allowedAgainText</c> (by default the
    /// precautions' rules and "Your precautions now allow"). A null actor is a measured result (a TUG).
    /// </summary>
    public static List<DecisionRecord> ApplyConstraints(IEnumerable<PlanItemRecord> items, ExerciseLibrary library, PersonConstraints constraints,
        string? actorId, string? actorEmail, DateTime now, string cause = "Your therapist recorded new precautions.",
        IReadOnlyList<string>? allowedAgainRuleIds = null, string? allowedAgainText = null)
    {
        var decisions = new List<DecisionRecord>();
        foreach (var item in items.OrderBy(i => i.Position))
        {
            var variant = library.FindVariant(item.ExerciseId);
            if (variant is null)
            {
                continue; // another clinic's own exercise: that clinic's staff review it
            }

            var reasons = constraints.Check(variant);
            var previous = new PrescriptionResponse(item.ExerciseId, PlanMapping.DoseOf(item));
            if (reasons.Count == 0)
            {
                if (item.OnHold)
                {
                    item.OnHold = false;
                    item.Revision++;
                    decisions.Add(Decision(item, ProgressionAction.Precautions,
                        allowedAgainRuleIds?.ToList() ?? RuleIds(constraints.Precautions?.RuleIds.Select(r => new Reason(r, "")) ?? [new Reason("THR-S", "")]),
                        $"{allowedAgainText ?? "Your precautions now allow"} {variant.Name} again, so it is back in your plan.", previous, actorId, actorEmail, now));
                }

                continue;
            }

            if (item.OnHold)
            {
                continue;
            }

            var family = library.FamilyOf(variant);
            var replacement = family.Variants.Where(v => v.Level < variant.Level && constraints.Allows(v)).MaxBy(v => v.Level);
            var why = Describe(reasons);
            item.Revision++;
            if (replacement is not null)
            {
                PlanMapping.SetDose(item, replacement.Id, replacement.DefaultDose);
                item.Pinned = false;
                decisions.Add(Decision(item, ProgressionAction.Precautions, RuleIds(reasons),
                    $"{cause} {variant.Name} is not safe for you now: {why}. You will do {replacement.Name} instead, starting with {replacement.DefaultDose.Describe()}.",
                    previous, actorId, actorEmail, now));
            }
            else
            {
                item.OnHold = true;
                decisions.Add(Decision(item, ProgressionAction.Precautions, RuleIds(reasons),
                    $"{cause} {variant.Name} is not safe for you now: {why}. No easier version fits them, so this exercise is on hold. Please skip it until your therapist changes it.",
                    previous, actorId, actorEmail, now));
            }
        }

        return decisions;
    }
}
