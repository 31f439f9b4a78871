using HipRehab.Core.Assessment;
using HipRehab.Core.Escalation;
using HipRehab.Web.Data;
using HipRehab.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HipRehab.Web.Features.Alerts;

/// <summary>One warning sign from a check-in that paused the plan (E1), as kept on the plan.</summary>
/// <param name="RuleId">The finding's rule, e.g. RF9.</param>
/// <param name="Outcome">What it means: see-clinician-soon (a linked clinician may clear it) or urgent-care.</param>
/// <param name="Message">The plain words the person was given.</param>
/// <param name="CheckInId">The check-in that reported it.</param>
/// <param name="CheckInDate">That check-in's day.</param>
public sealed record PauseFinding(string RuleId, ScreeningOutcome Outcome, string Message, Guid CheckInId, DateOnly CheckInDate);

/// <summary>
/// A plan paused by a warning sign at a check-in: the findings kept on the plan, the clearances given
/// for them, and whether the pause may end (<see cref="CheckInPause"/>, E1R). Shared by escalation
/// (which pauses), the clinic's clearance (which may resume) and plan making (which may start anew).
/// </summary>
public static class PlanPause
{
    public static List<PauseFinding> Findings(PlanRecord plan) => StoredJson.Read<List<PauseFinding>>(plan.PausedFindingsJson);

    /// <summary>
    /// Pauses the plan for the warning signs of a check-in, or adds them to a pause already in force:
    /// a finding reported again while paused is kept once, from the first check-in that reported it.
    /// </summary>
    public static void Pause(PlanRecord plan, IEnumerable<PauseFinding> findings, string reason, DateTime now)
    {
        var kept = plan.Status == PlanStatus.Paused ? Findings(plan) : [];
        if (plan.Status != PlanStatus.Paused)
        {
            plan.Status = PlanStatus.Paused;
            plan.PausedReason = reason;
            plan.PausedAt = now;
        }

        foreach (var f in findings)
        {
            if (!kept.Any(k => k.RuleId == f.RuleId && k.Outcome == f.Outcome))
            {
                kept.Add(f);
            }
        }

        plan.PausedFindingsJson = StoredJson.Write(kept);
    }

    /// <summary>The rule ids cleared for this pause's findings (a clearance names the check-in it was given for).</summary>
    public static async Task<HashSet<string>> ClearedAsync(AppDb db, string userId, IReadOnlyList<PauseFinding> findings, CancellationToken ct)
    {
        if (findings.Count == 0)
        {
            return [];
        }

        var checkIns = findings.Select(f => f.CheckInId).Distinct().ToList();
        var rows = await db.Clearances.AsNoTracking()
            .Where(c => c.PatientId == userId && c.CheckInId != null && checkIns.Contains(c.CheckInId.Value))
            .Select(c => new { c.RuleId, c.CheckInId }).ToListAsync(ct);
        return [.. findings.Where(f => rows.Any(r => r.RuleId == f.RuleId && r.CheckInId == f.CheckInId)).Select(f => f.RuleId)];
    }

    /// <summary>What the person can do now, in plain words (E1R): get care, or be seen and cleared by a clinic.</summary>
    public static string NextStep(IReadOnlyList<PauseFinding> findings)
    {
        var care = findings.Any(f => f.Outcome is ScreeningOutcome.UrgentCare or ScreeningOutcome.NotEligible);
        var clearable = findings.Any(f => f.Outcome == ScreeningOutcome.SeeClinicianSoon);
        if (findings.Count == 0 || (care && !clearable))
        {
            return "Please get the care you were advised to get. After you have been seen, answer the questions again to make a new plan.";
        }

        var clinic = "A physical therapist or doctor at a clinic you share your records with can look at this and clear it, and then your plan goes on. "
            + "If you do not share your records with a clinic yet, you can do that on the Sharing page, or see your own doctor.";
        return care ? "Please get the care you were advised to get first. After you have been seen, answer the questions again. " + clinic : clinic;
    }

    /// <summary>True when the pause may end (<see cref="CheckInPause.CanResume"/>).</summary>
    public static bool CanResume(IReadOnlyList<PauseFinding> findings, IReadOnlySet<string> cleared, bool screenedAgainSincePause) =>
        CheckInPause.CanResume([.. findings.Select(f => new Finding(f.RuleId, f.Outcome, f.Message))], cleared, screenedAgainSincePause);
}
