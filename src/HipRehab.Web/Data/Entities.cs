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
