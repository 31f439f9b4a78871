namespace HipRehab.Web.Data;

// Clinics, their staff, and what a person shares with them (issue 4). A clinic never owns a
// person's records: it sees them only through an active ClinicLink the person controls.

public sealed class ClinicRecord
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public required DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
}

/// <summary>A user's place on a clinic's staff.</summary>
public sealed class ClinicStaffRecord
{
    public Guid Id { get; set; }
    public required Guid ClinicId { get; set; }
    public required string UserId { get; set; }
    /// <summary>admin | clinician. An admin is also a clinician.</summary>
    public required string Role { get; set; }
    public required DateTime JoinedAt { get; set; }
}

/// <summary>
/// An invitation to join a clinic's staff. Only a hash of the code is stored, so a copy of the
/// database cannot be used to join; the code is bound to one e-mail address and used once.
/// </summary>
public sealed class StaffInvitationRecord
{
    public Guid Id { get; set; }
    public required Guid ClinicId { get; set; }
    public required string CodeHash { get; set; }
    /// <summary>The invited address, normalised (upper case) as Identity normalises e-mails.</summary>
    public required string NormalizedEmail { get; set; }
    public required string Role { get; set; }
    public required string CreatedBy { get; set; }
    public required DateTime CreatedAt { get; set; }
    public required DateTime ExpiresAt { get; set; }
    public DateTime? UsedAt { get; set; }
    public string? UsedBy { get; set; }
}

/// <summary>A code a clinic hands to a person, who links with it. Hashed, single use, expires.</summary>
public sealed class PatientInvitationRecord
{
    public Guid Id { get; set; }
    public required Guid ClinicId { get; set; }
    public required string CodeHash { get; set; }
    public required string CreatedBy { get; set; }
    public required DateTime CreatedAt { get; set; }
    public required DateTime ExpiresAt { get; set; }
    public DateTime? UsedAt { get; set; }
    public string? UsedBy { get; set; }
}

/// <summary>A person sharing their records with a clinic. Active while <see cref="EndedAt"/> is null; ended links are kept as history.</summary>
public sealed class ClinicLinkRecord
{
    public Guid Id { get; set; }
    public required Guid ClinicId { get; set; }
    public required string UserId { get; set; }
    public required DateTime CreatedAt { get; set; }
    public DateTime? EndedAt { get; set; }
}

/// <summary>A clinician's note about a patient, visible to that clinic's staff.</summary>
public sealed class ClinicalNoteRecord
{
    public Guid Id { get; set; }
    public required Guid ClinicId { get; set; }
    public required string PatientId { get; set; }
    public required string AuthorId { get; set; }
    public required string Text { get; set; }
    public required DateTime CreatedAt { get; set; }
}

/// <summary>
/// One read or write of a person's data by clinic staff, allowed or denied. Append-only: the app
/// has no path that changes or deletes a row, and <see cref="AppDb"/> refuses to save one.
/// No foreign keys, so the record outlives the accounts it names.
/// </summary>
public sealed class AuditEntryRecord
{
    public Guid Id { get; set; }
    public required Guid ClinicId { get; set; }
    public required string ActorId { get; set; }
    public required string Action { get; set; }
    public string? PatientId { get; set; }
    public required DateTime At { get; set; }
    /// <summary>allowed, or denied-… with the reason (see Features/Clinics/Audit).</summary>
    public required string Outcome { get; set; }
    /// <summary>What was done, where the action alone does not say (e.g. which finding of which check-in was cleared).</summary>
    public string? Detail { get; set; }
}

/// <summary>
/// A clinician's review of one see-clinician-soon finding of one screening (docs/clinical-rules.md §1), or of
/// one warning sign reported at a check-in that paused the plan (E1, E1R: <see cref="CheckInId"/> set).
/// Bound to the intake it was given for: a new intake is a new screening that needs its own review.
/// </summary>
public sealed class ClearanceRecord
{
    public Guid Id { get; set; }
    public required Guid ClinicId { get; set; }
    public required string PatientId { get; set; }
    public required Guid IntakeId { get; set; }
    public required string RuleId { get; set; }
    public required string ClearedBy { get; set; }
    public required DateTime ClearedAt { get; set; }
    public string? Note { get; set; }
    /// <summary>The check-in whose warning sign was cleared; null for a finding of the intake's screening.</summary>
    public Guid? CheckInId { get; set; }
    /// <summary>The day of that check-in.</summary>
    public DateOnly? CheckInDate { get; set; }
}

/// <summary>
/// The precautions a clinician recorded from the surgeon's instructions (docs/clinical-rules.md §2.1). One
/// row per person, replaced on each change; <see cref="Revision"/> grows with every change so
/// cached constraints keyed by it are never stale.
/// </summary>
public sealed class PatientPrecautionRecord
{
    public Guid Id { get; set; }
    public required string PatientId { get; set; }
    public required Guid ClinicId { get; set; }
    /// <summary>posterior | anterior | lateral | custom.</summary>
    public required string Set { get; set; }
    /// <summary>JSON list of demand names.</summary>
    public required string ForbiddenDemandsJson { get; set; }
    /// <summary>Last day in force (inclusive), or null for "until cleared".</summary>
    public DateOnly? Until { get; set; }
    public required string RecordedBy { get; set; }
    public required DateTime RecordedAt { get; set; }
    public int Revision { get; set; }
}

/// <summary>
/// A clinic's own exercise family, in the library's file format and validated by the same loader.
/// Only that clinic's staff see it, and only for that clinic's linked patients.
/// </summary>
public sealed class CustomExerciseRecord
{
    public Guid Id { get; set; }
    public required Guid ClinicId { get; set; }
    /// <summary>The family id (unique within the clinic, and never one of the library's).</summary>
    public required string Family { get; set; }
    /// <summary>The family file as submitted (validated).</summary>
    public required string Json { get; set; }
    public required string CreatedBy { get; set; }
    public required DateTime CreatedAt { get; set; }
}
