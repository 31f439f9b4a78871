using HipRehab.Core;
using HipRehab.Core.Library;
using HipRehab.Core.Planning;
using HipRehab.Core.Progression;
using HipRehab.Web.Data;
using HipRehab.Web.Infrastructure;

namespace HipRehab.Web.Features.Plans;

/// <summary>
/// Changes to a plan's items that leave a decision in their history: a clinician's or a measured
/// result's, and bringing the items within new constraints (precautions, a measured fall risk).
/// </summary>
public static class PlanConstraints
{
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

    /// <summary>Plain words for the rules that rule out a variant, e.g. "it asks for … (THR-P)".</summary>
    public static string Describe(IEnumerable<Reason> reasons) =>
        string.Join("; ", reasons.Where(r => r.RuleId != "THR-D").DistinctBy(r => r.Text).Select(r => $"{r.Text} ({r.RuleId})"));

    public static List<string> RuleIds(IEnumerable<Reason> reasons) => [.. reasons.Select(r => r.RuleId).Distinct()];
}
