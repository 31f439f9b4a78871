using System.ComponentModel.DataAnnotations;
using HipRehab.Web.Data;
using HipRehab.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using HipRehab.Web.Features.Alerts;
using HipRehab.Web.Features.Shared;

namespace HipRehab.Web.Features.Clinics;

/// <summary>
/// The clinic actions the pages take, with the same rules as the API's handlers (names, codes,
/// expiry, one answer for every failed code). Callers check access first through
/// <see cref="ClinicAccess"/>; each method saves its own changes (and so the audit entry tracked on
/// opening) in one transaction.
/// </summary>
public sealed class ClinicActions(AppDb db, ILookupNormalizer normalizer, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<(Guid? ClinicId, string? Error)> CreateClinicAsync(string userId, string? name, CancellationToken ct)
    {
        name = name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > ClinicEndpoints.MaxNameLength)
        {
            return (null, $"Give the clinic a name of 1 to {ClinicEndpoints.MaxNameLength} characters.");
        }

        var created = new ClinicRecord { Id = Guid.CreateVersion7(), Name = name, CreatedAt = Now, CreatedBy = userId };
        db.Clinics.Add(created);
        db.ClinicStaff.Add(new ClinicStaffRecord { Id = Guid.CreateVersion7(), ClinicId = created.Id, UserId = userId, Role = StaffRole.Admin, JoinedAt = Now });
        await db.SaveChangesAsync(ct);
        return (created.Id, null);
    }

    public async Task<List<ClinicResponse>> MineAsync(string userId, CancellationToken ct)
    {
        var mine = await db.ClinicStaff.AsNoTracking().Where(s => s.UserId == userId)
            .Join(db.Clinics, s => s.ClinicId, c => c.Id, (s, c) => new ClinicResponse(c.Id, c.Name, s.Role))
            .ToListAsync(ct);
        return [.. mine.OrderBy(c => c.Name, StringComparer.Ordinal)];
    }

    public Task<string?> ClinicNameAsync(Guid clinicId, CancellationToken ct) =>
        db.Clinics.AsNoTracking().Where(c => c.Id == clinicId).Select(c => c.Name).FirstOrDefaultAsync(ct);

    /// <summary>An admin invites staff: the code is returned once and only its hash is kept.</summary>
    public async Task<(StaffInvitationResponse? Invitation, Dictionary<string, string> Errors)> InviteStaffAsync(StaffMember admin, string? email, string? role, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        email = email?.Trim();
        if (string.IsNullOrEmpty(email) || email.Length > 256 || !new EmailAddressAttribute().IsValid(email))
        {
            errors["email"] = "Give the email address the new staff member logs in with.";
        }

        if (!StaffRole.IsKnown(role))
        {
            errors["role"] = "Choose clinician or admin.";
        }

        if (errors.Count > 0 || !admin.IsAdmin)
        {
            return (null, errors);
        }

        var code = InvitationCodes.New();
        var invitation = new StaffInvitationRecord
        {
            Id = Guid.CreateVersion7(), ClinicId = admin.ClinicId, CodeHash = InvitationCodes.Hash(code), NormalizedEmail = normalizer.NormalizeEmail(email!),
            Role = role!, CreatedBy = admin.UserId, CreatedAt = Now, ExpiresAt = Now + ClinicEndpoints.StaffInvitationLifetime,
        };
        db.StaffInvitations.Add(invitation);
        await db.SaveChangesAsync(ct);
        return (new StaffInvitationResponse(code, email!, invitation.Role, invitation.ExpiresAt), errors);
    }

    /// <summary>Joins the clinic of a staff invitation made out to the caller's email; null for every way a code can fail.</summary>
    public async Task<AcceptedInvitationResponse?> AcceptStaffInvitationAsync(string userId, string? code, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 100)
        {
            return null;
        }

        var hash = InvitationCodes.Hash(code);
        var email = await db.Users.Where(u => u.Id == userId).Select(u => u.NormalizedEmail).FirstOrDefaultAsync(ct);
        var invitation = await db.StaffInvitations.FirstOrDefaultAsync(i => i.CodeHash == hash, ct);
        if (invitation is null || invitation.UsedAt is not null || invitation.ExpiresAt <= Now || email is null || invitation.NormalizedEmail != email)
        {
            return null;
        }

        invitation.UsedAt = Now;
        invitation.UsedBy = userId;
        var existing = await db.ClinicStaff.FirstOrDefaultAsync(s => s.ClinicId == invitation.ClinicId && s.UserId == userId, ct);
        if (existing is null)
        {
            existing = new ClinicStaffRecord { Id = Guid.CreateVersion7(), ClinicId = invitation.ClinicId, UserId = userId, Role = invitation.Role, JoinedAt = Now };
            db.ClinicStaff.Add(existing);
        }
        else if (invitation.Role == StaffRole.Admin)
        {
            existing.Role = StaffRole.Admin;
        }

        await db.SaveChangesAsync(ct);
        var name = await db.Clinics.Where(c => c.Id == invitation.ClinicId).Select(c => c.Name).SingleAsync(ct);
        return new AcceptedInvitationResponse(invitation.ClinicId, name, existing.Role);
    }

    public async Task<PatientInvitationResponse> NewPatientCodeAsync(StaffMember staff, CancellationToken ct)
    {
        var code = InvitationCodes.New();
        var invitation = new PatientInvitationRecord
        {
            Id = Guid.CreateVersion7(), ClinicId = staff.ClinicId, CodeHash = InvitationCodes.Hash(code), CreatedBy = staff.UserId,
            CreatedAt = Now, ExpiresAt = Now + ClinicEndpoints.PatientInvitationLifetime,
        };
        db.PatientInvitations.Add(invitation);
        await db.SaveChangesAsync(ct);
        return new PatientInvitationResponse(code, invitation.ExpiresAt);
    }

    /// <summary>The person shares their records with the clinic of a patient code; null for every way a code can fail.</summary>
    public async Task<ClinicLinkResponse?> LinkAsync(string userId, string? code, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 100)
        {
            return null;
        }

        var hash = InvitationCodes.Hash(code);
        var invitation = await db.PatientInvitations.FirstOrDefaultAsync(i => i.CodeHash == hash, ct);
        if (invitation is null || invitation.UsedAt is not null || invitation.ExpiresAt <= Now)
        {
            return null;
        }

        invitation.UsedAt = Now;
        invitation.UsedBy = userId;
        var link = await db.ClinicLinks.FirstOrDefaultAsync(l => l.UserId == userId && l.ClinicId == invitation.ClinicId && l.EndedAt == null, ct);
        if (link is null)
        {
            link = new ClinicLinkRecord { Id = Guid.CreateVersion7(), ClinicId = invitation.ClinicId, UserId = userId, CreatedAt = Now };
            db.ClinicLinks.Add(link);
        }

        await db.SaveChangesAsync(ct);
        var name = await db.Clinics.Where(c => c.Id == invitation.ClinicId).Select(c => c.Name).SingleAsync(ct);
        return new ClinicLinkResponse(invitation.ClinicId, name, link.CreatedAt, null, true);
    }

    public async Task<List<ClinicLinkResponse>> LinksAsync(string userId, CancellationToken ct)
    {
        var links = await db.ClinicLinks.AsNoTracking().Where(l => l.UserId == userId)
            .Join(db.Clinics, l => l.ClinicId, c => c.Id, (l, c) => new ClinicLinkResponse(c.Id, c.Name, l.CreatedAt, l.EndedAt, l.EndedAt == null))
            .ToListAsync(ct);
        return [.. links.OrderByDescending(l => l.Active).ThenByDescending(l => l.CreatedAt)];
    }

    /// <summary>Ends the person's active share with the clinic; false when there is none.</summary>
    public async Task<bool> UnlinkAsync(string userId, Guid clinicId, CancellationToken ct)
    {
        var active = await db.ClinicLinks.Where(l => l.UserId == userId && l.ClinicId == clinicId && l.EndedAt == null).ToListAsync(ct);
        foreach (var link in active)
        {
            link.EndedAt = Now;
        }

        await db.SaveChangesAsync(ct);
        return active.Count > 0;
    }

    /// <summary>Adds a note about a linked person. The caller has opened the data (one audit entry is tracked), and it is saved with the note.</summary>
    public async Task<string?> AddNoteAsync(ClinicAccess access, StaffMember staff, string patientId, string? text, CancellationToken ct)
    {
        text = text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > PatientEndpoints.MaxNoteLength)
        {
            await access.RefuseAfterOpeningAsync(AuditOutcome.DeniedInvalidInput, patientId, ct);
            return $"Write a note of 1 to {PatientEndpoints.MaxNoteLength} characters.";
        }

        db.ClinicalNotes.Add(new ClinicalNoteRecord
        {
            Id = OrderedIds.Next(), ClinicId = staff.ClinicId, PatientId = patientId, AuthorId = staff.UserId, Text = text, CreatedAt = Now,
        });
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>
    /// Resolves an alert of a linked person (of <paramref name="patientId"/> when given, as on the
    /// patient's page); null, with a refusal on record, when it is out of reach. Resolving twice is
    /// harmless. The rule can fire again only as escalation allows: each rule waits out its own window
    /// from the day of resolving (<see cref="EscalationService"/>).
    /// </summary>
    public async Task<AlertRecord?> ResolveAlertAsync(ClinicAccess access, ClinicPatients patients, StaffMember staff, string? patientId, Guid alertId,
        CancellationToken ct)
    {
        var alert = await patients.Alerts(staff.ClinicId).FirstOrDefaultAsync(a => a.Id == alertId && (patientId == null || a.UserId == patientId), ct);
        if (alert is null)
        {
            await access.RefuseAfterOpeningAsync(AuditOutcome.DeniedNotFound, patientId, ct);
            return null;
        }

        access.SetPatient(alert.UserId);
        if (alert.Status != "resolved")
        {
            alert.Status = "resolved";
            alert.ResolvedAt = Now;
        }

        await db.SaveChangesAsync(ct);
        return alert;
    }

    public Task<List<AuditEntryResponse>> AuditAsync(Guid clinicId, int limit, CancellationToken ct) =>
        db.AuditEntries.AsNoTracking().Where(a => a.ClinicId == clinicId)
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(limit)
            .Select(a => new AuditEntryResponse(a.Id, a.At, a.ActorId, db.Users.Where(u => u.Id == a.ActorId).Select(u => u.Email).FirstOrDefault(),
                a.Action, a.PatientId, a.Outcome, a.Detail))
            .ToListAsync(ct);
}
