using HipRehab.Core.Progression;
using HipRehab.Web.Features.Plans;

namespace HipRehab.Web.Features.Sessions;

/// <summary>One exercise of a logged session, as sent.</summary>
public sealed record SessionExerciseRequest(Guid? PlanItemId, int? CompletedSets, int? CompletedReps, int? CompletedHoldSeconds,
    int? PainDuring, int? Effort, string? Note);

/// <summary>A logged session, as sent (docs/api.md).</summary>
public sealed record SessionRequest(DateTimeOffset? PerformedAt, int? PainBefore, int? PainAfter, IReadOnlyList<SessionExerciseRequest>? Exercises);

/// <summary>What happens next to one plan item after this session.</summary>
public sealed record SessionDecision(Guid PlanItemId, string Family, ProgressionAction Action, IReadOnlyList<string> RuleIds,
    string Explanation, PrescriptionResponse Previous, PrescriptionResponse Next);

/// <summary>
/// The answer of <c>POST /api/v1/me/sessions</c>: replayed verbatim for a repeated request. Alerts are
/// not part of it: escalation runs once the session is committed and answered (<see cref="SessionWriter"/>),
/// and what it raises is in <c>GET /api/v1/me/alerts</c>.
/// </summary>
public sealed record SessionResponse(Guid Id, DateTime PerformedAt, IReadOnlyList<SessionDecision> Decisions);

/// <summary>One exercise in the session history.</summary>
public sealed record LoggedExercise(Guid PlanItemId, string ExerciseId, int CompletedSets, int? CompletedReps, int? CompletedHoldSeconds,
    int PainDuring, int Effort, string? Note);

/// <summary>A session in the history, with the decisions it led to.</summary>
public sealed record SessionSummary(Guid Id, DateTime PerformedAt, int? PainBefore, int? PainAfter, IReadOnlyList<LoggedExercise> Exercises,
    IReadOnlyList<DecisionResponse> Decisions);
