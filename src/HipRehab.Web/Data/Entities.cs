using Microsoft.AspNetCore.Identity;

namespace HipRehab.Web.Data;

// EF entities: classes with required members, never returned from the API (responses are records).
// Every person-owned row carries UserId so that every query can be scoped to its owner.
// Times are UTC DateTime (SQLite cannot order DateTimeOffset; Npgsql timestamptz wants UTC).

public sealed class AppUser : IdentityUser;

/// <summary>An intake as answered, with its screening at the time.</summary>
public sealed class IntakeRecord
{
    public Guid Id { get; set; }
    public required string UserId { get; set; }
    public required DateTime CreatedAt { get; set; }
    /// <summary>The answers as sent (IntakeForm JSON), so they can be shown and re-screened.</summary>
    public required string FormJson { get; set; }
    public required string ScreeningOutcome { get; set; }
    /// <summary>The findings (JSON list of { ruleId, outcome, message }).</summary>
    public required string FindingsJson { get; set; }
    /// <summary>
    /// The answer's "pain now", 0–10, kept apart from the form so that Today can tell in one indexed
    /// read whether a rating of 8 or more was given that day (E5).
    /// </summary>
    public int PainNow { get; set; }
}

public sealed class PlanRecord
{
    public Guid Id { get; set; }
    public required string UserId { get; set; }
    public required int Version { get; set; }
    public required DateTime CreatedAt { get; set; }
    /// <summary>active | paused | replaced.</summary>
    public required string Status { get; set; }
    public string? PausedReason { get; set; }
    public DateTime? PausedAt { get; set; }
    /// <summary>
    /// The warning signs from check-ins that paused the plan (JSON list of PauseFinding), added to while
    /// it stays paused; what lifts the pause is decided from them (E1R). "[]" for a plan never paused.
    /// </summary>
    public string PausedFindingsJson { get; set; } = "[]";
    /// <summary>
    /// The measured fall risk the plan follows (the latest Timed Up and Go was 12 s or more, OM6 → CX3):
    /// set when the plan is made and whenever a TUG is recorded, so progression reads it with the
    /// plan it already loads instead of querying outcomes on every session.
    /// </summary>
    public bool FallRisk { get; set; }
    public required Guid IntakeId { get; set; }
    public required string ExcludedJson { get; set; }
    public required string AdviceJson { get; set; }
    public List<PlanItemRecord> Items { get; set; } = [];
}

public sealed class PlanItemRecord
{
    public Guid Id { get; set; }
    public required Guid PlanId { get; set; }
    public required string UserId { get; set; }
    public required int Position { get; set; }
    public required string Family { get; set; }
    public required string ExerciseId { get; set; }
    public required int Sets { get; set; }
    public int? Reps { get; set; }
    public int? HoldSeconds { get; set; }
    public required int RestSeconds { get; set; }
    public required bool PerSide { get; set; }
    public string? Band { get; set; }
    public required int DaysPerWeek { get; set; }
    /// <summary>Scheduled days (JSON list of day names).</summary>
    public required string DaysJson { get; set; }
    /// <summary>Why this item is in the plan (JSON list of { ruleId, text }).</summary>
    public required string WhyJson { get; set; }
    public required bool Pinned { get; set; }
    /// <summary>
    /// True when no version of the family fits the person's precautions: the item stays in the plan
    /// (with its history) but is not due and cannot be logged until a clinician changes it.
    /// </summary>
    public bool OnHold { get; set; }
    /// <summary>Optimistic concurrency: two sessions deciding for one item cannot both win.</summary>
    public int Revision { get; set; }

    /// <summary>A new record with the same values (not tracked by any context): every field, so a new column is never missed.</summary>
    public PlanItemRecord Copy() => (PlanItemRecord)MemberwiseClone();
}

public sealed class SessionRecord
{
    public Guid Id { get; set; }
    public required string UserId { get; set; }
    public required Guid PlanId { get; set; }
    public required DateTime PerformedAt { get; set; }
    public int? PainBefore { get; set; }
    public int? PainAfter { get; set; }
    public required DateTime CreatedAt { get; set; }
    /// <summary>The client's Idempotency-Key; unique per user, stored in the same transaction as the session.</summary>
    public required string IdempotencyKey { get; set; }
    /// <summary>Hash of the request body, to tell a replay (same body) from a misuse of the key (other body).</summary>
    public required string RequestHash { get; set; }
    /// <summary>The response sent, replayed verbatim for a repeated request.</summary>
    public required string ResponseJson { get; set; }
    public List<ExerciseLogRecord> Exercises { get; set; } = [];
}

public sealed class ExerciseLogRecord
{
    public Guid Id { get; set; }
    public required Guid SessionId { get; set; }
    public required string UserId { get; set; }
    public required Guid PlanItemId { get; set; }
    public required DateOnly PerformedOn { get; set; }
    public required DateTime PerformedAt { get; set; }
    public required string PrescribedExerciseId { get; set; }
    /// <summary>The dose prescribed at the time (JSON Dose).</summary>
    public required string PrescribedDoseJson { get; set; }
    public required int CompletedSets { get; set; }
    public int? CompletedReps { get; set; }
    public int? CompletedHoldSeconds { get; set; }
    public required int PainDuring { get; set; }
    public required int Effort { get; set; }
    public string? Note { get; set; }
}

/// <summary>One progression decision, kept as the plan item's history.</summary>
public sealed class DecisionRecord
{
    public Guid Id { get; set; }
    public required string UserId { get; set; }
    public required Guid PlanItemId { get; set; }
    /// <summary>The session that led to the decision; null for a clinician's change.</summary>
    public Guid? SessionId { get; set; }
    /// <summary>The clinician who made the change; null for automatic progression.</summary>
    public string? ActorId { get; set; }
    /// <summary>The clinician's e-mail at the time, so the person sees who changed their plan.</summary>
    public string? ActorEmail { get; set; }
    public required DateTime CreatedAt { get; set; }
    public required string Action { get; set; }
    public required string RuleIdsJson { get; set; }
    public required string Explanation { get; set; }
    public required string PreviousJson { get; set; }
    public required string NextJson { get; set; }
}

public sealed class CheckInRecord
{
    public Guid Id { get; set; }
    public required string UserId { get; set; }
    public required DateOnly Date { get; set; }
    public required int UsualPain { get; set; }
    public required bool SettledSinceLastSession { get; set; }
    public required string RedFlagsJson { get; set; }
    public required DateTime CreatedAt { get; set; }
}

public sealed class AlertRecord
{
    public Guid Id { get; set; }
    public required string UserId { get; set; }
    public required string RuleId { get; set; }
    public required string Severity { get; set; }
    public required string Message { get; set; }
    public required DateTime CreatedAt { get; set; }
    /// <summary>open | acknowledged | resolved.</summary>
    public required string Status { get; set; }
    public DateTime? AcknowledgedAt { get; set; }
    public DateTime? ResolvedAt { get; set; }
}

/// <summary>
/// One outcome measure (docs/clinical-rules.md §5): a built-in instrument (OM1–OM7) or a licensed pack.
/// The interpretation is not stored: it is computed when read, from the thresholds in Core, so a
/// reviewed threshold applies to old results too.
/// </summary>
public sealed class OutcomeRecord
{
    public Guid Id { get; set; }
    public required string UserId { get; set; }
    /// <summary>The built-in name (<c>nprs</c>, <c>tug</c>, …) or the pack's id.</summary>
    public required string Instrument { get; set; }
    /// <summary>The day it was measured; a back-entered result keeps its own day.</summary>
    public required DateOnly Date { get; set; }
    /// <summary>The instrument's one number: the rating, the PSFS mean, the count of stands, the seconds, or the pack's final score.</summary>
    public required decimal Score { get; set; }
    /// <summary>PSFS only: the activities and their ratings (JSON list of { name, score }).</summary>
    public string? ActivitiesJson { get; set; }
    /// <summary>Packs only: the answers as sent (JSON object item id → option score).</summary>
    public string? AnswersJson { get; set; }
    /// <summary>Packs only: the raw sum or mean before rescaling.</summary>
    public decimal? Raw { get; set; }
    /// <summary>Packs only: the pack version that scored it, since an operator may load a newer one later.</summary>
    public string? PackVersion { get; set; }
    public required DateTime CreatedAt { get; set; }
}

/// <summary>A dated weight; the intake's weight is the baseline (docs/api.md).</summary>
public sealed class BodyMeasurementRecord
{
    public Guid Id { get; set; }
    public required string UserId { get; set; }
    public required DateOnly Date { get; set; }
    public required decimal WeightKg { get; set; }
    public required DateTime CreatedAt { get; set; }
}

/// <summary>Minutes of moderate activity such as walking on a day, toward 150 a week (L3).</summary>
public sealed class ActivityEntryRecord
{
    public Guid Id { get; set; }
    public required string UserId { get; set; }
    public required DateOnly Date { get; set; }
    public required int Minutes { get; set; }
    /// <summary>walking, cycling, swimming, …</summary>
    public required string Kind { get; set; }
    public required DateTime CreatedAt { get; set; }
}
