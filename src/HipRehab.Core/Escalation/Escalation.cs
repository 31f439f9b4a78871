using System.Text.Json.Serialization;
using HipRehab.Core.Assessment;
using HipRehab.Core.Outcomes;

namespace HipRehab.Core.Escalation;

/// <summary>How urgent an alert is (docs/api.md), weakest first so that comparisons read naturally.</summary>
public enum AlertSeverity
{
    [JsonStringEnumMemberName("info")] Info,
    [JsonStringEnumMemberName("see-clinician")] SeeClinician,
    [JsonStringEnumMemberName("see-clinician-soon")] SeeClinicianSoon,
    [JsonStringEnumMemberName("urgent-care")] UrgentCare,
}

/// <summary>A morning check-in as escalation reads it.</summary>
/// <param name="Date">The day it describes (a back-entered check-in keeps its own day).</param>
/// <param name="UsualPain">Usual pain, 0–10.</param>
/// <param name="SettledSinceLastSession">Did pain from the last session settle by this morning (PM2)? Null when not asked.</param>
/// <param name="RedFlags">Red flags reported at this check-in.</param>
public sealed record PainCheckIn(DateOnly Date, int UsualPain, bool? SettledSinceLastSession, IReadOnlySet<RedFlag> RedFlags)
{
    /// <summary>A check-in without red flags.</summary>
    public PainCheckIn(DateOnly date, int usualPain, bool? settledSinceLastSession = true)
        : this(date, usualPain, settledSinceLastSession, new HashSet<RedFlag>()) { }
}

/// <summary>A logged session as escalation reads it.</summary>
/// <param name="Date">The day it was done.</param>
/// <param name="HighestPain">The highest pain rated in it (before, during any exercise, or after), 0–10.</param>
public sealed record SessionPain(DateOnly Date, int HighestPain);

/// <summary>The pain rating given with an intake, as escalation reads it (E5).</summary>
/// <param name="Date">The day the intake was answered.</param>
/// <param name="PainNow">Pain now, 0–10.</param>
public sealed record IntakePain(DateOnly Date, int PainNow);

/// <summary>An alert the person already has, so that a rule fires once.</summary>
/// <param name="RuleId">The rule that raised it.</param>
/// <param name="Severity">Its severity.</param>
/// <param name="RaisedOn">The day it was raised.</param>
/// <param name="Resolved">True once a clinician resolved it; acknowledged-but-unresolved alerts are still open.</param>
public sealed record PastAlert(string RuleId, AlertSeverity Severity, DateOnly RaisedOn, bool Resolved);

/// <summary>Everything escalation looks at for one person, as of one day.</summary>
public sealed record EscalationInput
{
    /// <summary>The day to evaluate (the person's today). Records dated later are ignored.</summary>
    public required DateOnly AsOf { get; init; }

    /// <summary>The first day of the current plan; null when there is no plan (E3, E4 and E6 need one).</summary>
    public DateOnly? PlanStart { get; init; }

    /// <summary>The weekdays on which the plan has something due (adherence, E3 and E6).</summary>
    public IReadOnlySet<DayOfWeek> ScheduledDays { get; init; } = new HashSet<DayOfWeek>();

    /// <summary>Check-ins, in any order.</summary>
    public IReadOnlyList<PainCheckIn> CheckIns { get; init; } = [];

    /// <summary>Sessions, in any order.</summary>
    public IReadOnlyList<SessionPain> Sessions { get; init; } = [];

    /// <summary>Pain ratings given with intakes, in any order (E5 counts them as ratings).</summary>
    public IReadOnlyList<IntakePain> IntakeRatings { get; init; } = [];

    /// <summary>Outcome results, in any order (E3 reads the PSFS).</summary>
    public IReadOnlyList<OutcomeResult> Outcomes { get; init; } = [];

    /// <summary>The person's alerts so far, open or resolved.</summary>
    public IReadOnlyList<PastAlert> Alerts { get; init; } = [];
}

/// <summary>An alert to raise.</summary>
/// <param name="RuleId">The escalation rule (E1–E6); the caller keeps one open alert per rule per person.</param>
/// <param name="Severity">How urgent.</param>
/// <param name="Message">Plain words for the person: what we noticed and what to do.</param>
/// <param name="RuleIds">Every rule behind it, the escalation rule first.</param>
/// <param name="PausePlan">True when the plan must be paused (E1 urgent-care or see-clinician-soon).</param>
/// <param name="Detail">The figures behind it, for the clinician.</param>
/// <param name="Findings">For E1, the warning signs found (what a clinician clears, or what sends the person to care).</param>
/// <param name="ReportedOn">For E1, the day of the check-in that reported them.</param>
public sealed record EscalationAlert(string RuleId, AlertSeverity Severity, string Message, IReadOnlyList<string> RuleIds, bool PausePlan, string Detail,
    IReadOnlyList<Finding>? Findings = null, DateOnly? ReportedOn = null);
