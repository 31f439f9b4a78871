using HipRehab.Core.Assessment;

namespace HipRehab.Core.Escalation;

/// <summary>
/// What lifts a plan paused by a warning sign at a check-in (E1, E1R). Clinical-rules §1 lets a
/// linked clinician review and clear a see-clinician-soon finding; urgent-care findings send the
/// person to care and cannot be cleared. Answering the intake again never lifts a see-clinician-soon
/// pause on its own: a person who is worried about weakness spreading down their leg should be seen,
/// not invited to untick the box.
/// </summary>
public static class CheckInPause
{
    /// <summary>The findings of a pause that a linked clinician may clear (see-clinician-soon).</summary>
    public static IEnumerable<Finding> Clearable(IEnumerable<Finding> findings) =>
        findings.Where(f => f.Outcome == ScreeningOutcome.SeeClinicianSoon);

    /// <summary>
    /// True when the pause may end: every see-clinician-soon finding was cleared by a linked
    /// clinician, and, when a finding called for urgent care, the person has answered the intake
    /// again since the pause and that screening allows a plan (they have been to care and are
    /// screened afresh). A pause recorded without its findings (before they were kept) ends as it
    /// always did: with a new intake after it that allows a plan.
    /// </summary>
    /// <param name="findings">The warning signs that paused the plan.</param>
    /// <param name="cleared">The rule ids a linked clinician cleared for this pause.</param>
    /// <param name="screenedAgainSincePause">A new intake answered after the pause allows a plan.</param>
    public static bool CanResume(IReadOnlyCollection<Finding> findings, IReadOnlySet<string> cleared, bool screenedAgainSincePause)
    {
        if (findings.Count == 0)
        {
            return screenedAgainSincePause;
        }

        var allCleared = Clearable(findings).All(f => cleared.Contains(f.RuleId));
        var needsCare = findings.Any(f => f.Outcome is ScreeningOutcome.UrgentCare or ScreeningOutcome.NotEligible);
        return allCleared && (!needsCare || screenedAgainSincePause);
    }
}
