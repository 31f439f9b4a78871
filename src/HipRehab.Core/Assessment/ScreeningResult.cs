using System.Text.Json.Serialization;

namespace HipRehab.Core.Assessment;

/// <summary>Screening outcomes, weakest first; the strongest finding decides (docs/clinical-rules.md §1).</summary>
public enum ScreeningOutcome
{
    /// <summary>Planning proceeds.</summary>
    [JsonStringEnumMemberName("clear")] Clear,

    /// <summary>Planning proceeds; advice is shown.</summary>
    [JsonStringEnumMemberName("advice")] Advice,

    /// <summary>No self-guided plan until a clinician has cleared the finding.</summary>
    [JsonStringEnumMemberName("see-clinician-soon")] SeeClinicianSoon,

    /// <summary>Adults only: the product refuses and explains.</summary>
    [JsonStringEnumMemberName("not-eligible")] NotEligible,

    /// <summary>No exercise content; seek care today.</summary>
    [JsonStringEnumMemberName("urgent-care")] UrgentCare,
}

/// <summary>One screening finding with the rule that produced it and what it means for the person.</summary>
/// <param name="RuleId">The rule, e.g. <c>RF3</c>.</param>
/// <param name="Outcome">What this finding alone would mean.</param>
/// <param name="Message">Plain words for the person.</param>
public sealed record Finding(string RuleId, ScreeningOutcome Outcome, string Message);

/// <summary>The result of screening: the strongest outcome and every finding.</summary>
/// <param name="Outcome">The strongest finding's outcome, or clear.</param>
/// <param name="Findings">Every finding, strongest first.</param>
public sealed record ScreeningResult(ScreeningOutcome Outcome, IReadOnlyList<Finding> Findings)
{
    /// <summary>
    /// The outcome once a clinician's clearances are taken into account: a cleared
    /// see-clinician-soon finding no longer blocks the plan. Urgent-care and not-eligible findings
    /// cannot be cleared here.
    /// </summary>
    public ScreeningOutcome OutcomeAfter(IReadOnlySet<string> clearedRuleIds) => Findings
        .Select(f => f.Outcome == ScreeningOutcome.SeeClinicianSoon && clearedRuleIds.Contains(f.RuleId)
            ? ScreeningOutcome.Advice // still shown, no longer blocking
            : f.Outcome)
        .DefaultIfEmpty(ScreeningOutcome.Clear)
        .Max();

    /// <summary>True when a plan may be made without any clearance.</summary>
    public bool AllowsPlan => Outcome is ScreeningOutcome.Clear or ScreeningOutcome.Advice;
}
