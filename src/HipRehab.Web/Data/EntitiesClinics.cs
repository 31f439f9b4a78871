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
}
