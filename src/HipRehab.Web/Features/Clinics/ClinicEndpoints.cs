using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text;
using HipRehab.Web.Data;
using HipRehab.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using HipRehab.Web.Features.Shared;

namespace HipRehab.Web.Features.Clinics;

/// <summary>Clinics, their staff and invitations, and the audit log (docs/api.md "Clinics").</summary>
public static class ClinicEndpoints
{
    public static readonly TimeSpan StaffInvitationLifetime = TimeSpan.FromDays(7);
    public static readonly TimeSpan PatientInvitationLifetime = TimeSpan.FromDays(14);
    public const int MaxNameLength = 200;

    public static IEndpointRouteBuilder MapClinics(this IEndpointRouteBuilder app)
    {
        var clinics = app.MapGroup("/api/v1/clinics").WithTags("Clinics").RequireAuthorization(ApiPolicies.StaffApi);

        clinics.MapPost("/", CreateAsync)
            .AcceptsJson<CreateClinicRequest>()
            .WithSummary("Create a clinic. You become its admin and a clinician there.");

        clinics.MapGet("/", async (HttpContext http, AppDb db, CancellationToken ct) =>
            {
                var userId = http.User.UserId();
                var mine = await db.ClinicStaff.AsNoTracking().Where(s => s.UserId == userId)
                    .Join(db.Clinics, s => s.ClinicId, c => c.Id, (s, c) => new ClinicResponse(c.Id, c.Name, s.Role))
                    .ToListAsync(ct);
                return TypedResults.Ok(mine.OrderBy(c => c.Name, StringComparer.Ordinal).ToList());
            })
            .WithSummary("The clinics you work at, with your role.");

        var clinic = clinics.MapGroup("/{clinicId:guid}");

        clinic.MapPost("/staff-invitations", InviteStaffAsync)
            .AcceptsJson<StaffInvitationRequest>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Invite someone to the clinic's staff (admins only). The code works once, for that e-mail address, for 7 days.");

        clinic.MapPost("/patient-invitations", InvitePatientAsync)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A code to give a person, so they can share their records with the clinic. It works once, for 14 days.");

        clinic.MapGet("/audit", AuditAsync)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                // ?format=csv answers the same entries as CSV text, beside the JSON list.
                if (operation.Responses?.TryGetValue("200", out var ok) == true && ok is Microsoft.OpenApi.OpenApiResponse response)
                {
                    response.Content ??= new Dictionary<string, Microsoft.OpenApi.OpenApiMediaType>();
                    response.Content["text/csv"] = new() { Schema = new Microsoft.OpenApi.OpenApiSchema { Type = Microsoft.OpenApi.JsonSchemaType.String } };
                }

                return Task.CompletedTask;
            })
            .WithSummary("Who opened whose records, and when (admins only, newest first). ?format=csv exports it; ?limit= 1–10000 (default 500).");

        app.MapPost("/api/v1/staff-invitations/{code}/accept", AcceptAsync)
            .WithTags("Clinics")
            .RequireAuthorization(ApiPolicies.StaffApi)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Join a clinic's staff with an invitation code sent to your e-mail address.");

        return app;
    }

    private static async Task<Results<Created<ClinicResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(HttpRequest request, AppDb db, TimeProvider clock, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<CreateClinicRequest>(request, ct);
        if (problem is not null)
        {
            return problem;
        }

        var name = body!.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength)
        {
            return Problems.Invalid("name", $"Give the clinic a name of 1 to {MaxNameLength} characters.");
        }

        var created = AddClinic(db, name, request.HttpContext.User.UserId(), clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/clinics/{created.Id}", new ClinicResponse(created.Id, created.Name, StaffRole.Admin));
    }

    /// <summary>Adds (unsaved) a clinic with its creator as admin. Shared with the demo seeder.</summary>
    public static ClinicRecord AddClinic(AppDb db, string name, string userId, DateTime now)
    {
        var created = new ClinicRecord { Id = Guid.CreateVersion7(), Name = name, CreatedAt = now, CreatedBy = userId };
        db.Clinics.Add(created);
        db.ClinicStaff.Add(new ClinicStaffRecord { Id = Guid.CreateVersion7(), ClinicId = created.Id, UserId = userId, Role = StaffRole.Admin, JoinedAt = now });
        return created;
    }

    private static async Task<Results<Created<StaffInvitationResponse>, ValidationProblem, ProblemHttpResult>> InviteStaffAsync(Guid clinicId, HttpRequest request, ClinicAccess access, AppDb db,
        ILookupNormalizer normalizer, TimeProvider clock, CancellationToken ct)
    {
        var (staff, notStaff) = await access.StaffAsync(request.HttpContext.User, clinicId, ct);
        if (notStaff is not null)
        {
            return notStaff;
        }

        if (!staff!.IsAdmin)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, type: Problems.TypeBase + "admin-only",
                title: "Only a clinic admin can do this", detail: "Please ask an admin of your clinic to invite new staff.");
        }

        var (body, problem) = await JsonBody.ReadAsync<StaffInvitationRequest>(request, ct);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new Dictionary<string, string[]>();
        var email = body!.Email?.Trim();
        if (string.IsNullOrEmpty(email) || email.Length > 256 || !new EmailAddressAttribute().IsValid(email))
        {
            errors["email"] = ["Give the e-mail address the new staff member signs in with."];
        }

        if (!StaffRole.IsKnown(body.Role))
        {
            errors["role"] = [$"Choose '{StaffRole.Clinician}' or '{StaffRole.Admin}'."];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var code = InvitationCodes.New();
        var invitation = new StaffInvitationRecord
        {
            Id = Guid.CreateVersion7(), ClinicId = staff.ClinicId, CodeHash = InvitationCodes.Hash(code),
            NormalizedEmail = normalizer.NormalizeEmail(email!), Role = body.Role!, CreatedBy = staff.UserId, CreatedAt = now,
            ExpiresAt = now + StaffInvitationLifetime,
        };
        db.StaffInvitations.Add(invitation);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/staff-invitations/{code}/accept", new StaffInvitationResponse(code, email!, invitation.Role, invitation.ExpiresAt));
    }

    private static async Task<Results<Ok<AcceptedInvitationResponse>, ProblemHttpResult>> AcceptAsync(string code, HttpContext http, ClinicActions actions, CancellationToken ct) =>
        // One answer for every way a code can fail, so a guess learns nothing.
        await actions.AcceptStaffInvitationAsync(http.User.UserId(), code, ct) is { } accepted
            ? TypedResults.Ok(accepted)
            : Problems.NotFound("That invitation");

    private static async Task<Results<Created<PatientInvitationResponse>, ProblemHttpResult>> InvitePatientAsync(Guid clinicId, HttpContext http, ClinicAccess access, AppDb db, TimeProvider clock, CancellationToken ct)
    {
        var (staff, notStaff) = await access.StaffAsync(http.User, clinicId, ct);
        if (notStaff is not null)
        {
            return notStaff;
        }

        var (code, invitation) = AddPatientInvitation(db, staff!.ClinicId, staff.UserId, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created("/api/v1/me/clinic-links", new PatientInvitationResponse(code, invitation.ExpiresAt));
    }

    /// <summary>Adds (unsaved) a patient invitation; returns the code, which only the caller ever sees. Shared with the demo seeder.</summary>
    public static (string Code, PatientInvitationRecord Invitation) AddPatientInvitation(AppDb db, Guid clinicId, string createdBy, DateTime now)
    {
        var code = InvitationCodes.New();
        var invitation = new PatientInvitationRecord
        {
            Id = Guid.CreateVersion7(), ClinicId = clinicId, CodeHash = InvitationCodes.Hash(code), CreatedBy = createdBy,
            CreatedAt = now, ExpiresAt = now + PatientInvitationLifetime,
        };
        db.PatientInvitations.Add(invitation);
        return (code, invitation);
    }

    private static async Task<Results<Ok<List<AuditEntryResponse>>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> AuditAsync(Guid clinicId, string? format, int? limit, HttpContext http, ClinicAccess access, AppDb db, CancellationToken ct)
    {
        var (staff, notStaff) = await access.StaffAsync(http.User, clinicId, ct);
        if (notStaff is not null)
        {
            return notStaff;
        }

        var csv = string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase);
        if (format is not null && !csv && !string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
        {
            return Problems.Invalid("format", "Use 'json' or 'csv'.");
        }

        if (limit is < 1 or > 10_000)
        {
            return Problems.Invalid("limit", "Must be from 1 to 10000.");
        }

        var action = csv ? "export-audit" : "view-audit";
        if (await access.RequireAdminAsync(staff!, action, ct) is { } notAdmin)
        {
            return notAdmin;
        }

        // The log names people, so reading it needs the second factor like any patient record.
        if (await access.OpenPatientDataAsync(http.User, staff!, action, null, ct) is { } denied)
        {
            return denied;
        }

        // The read is recorded before it is answered: the entry of this very read is in the answer.
        await db.SaveChangesAsync(ct);
        var entries = await db.AuditEntries.AsNoTracking().Where(a => a.ClinicId == staff!.ClinicId)
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(limit ?? 500)
            .Select(a => new AuditEntryResponse(a.Id, a.At, a.ActorId, db.Users.Where(u => u.Id == a.ActorId).Select(u => u.Email).FirstOrDefault(),
                a.Action, a.PatientId, a.Outcome, a.Detail))
            .ToListAsync(ct);
        return csv
            ? TypedResults.File(Encoding.UTF8.GetBytes(ToCsv(entries)), "text/csv; charset=utf-8", $"audit-{clinicId}.csv")
            : TypedResults.Ok(entries);
    }

    /// <summary>The audit log as CSV (also the audit page's download).</summary>
    public static string ToCsv(IEnumerable<AuditEntryResponse> entries)
    {
        var text = new StringBuilder("at,actorId,actorEmail,action,patientId,outcome,detail\r\n");
        foreach (var e in entries)
        {
            text.AppendJoin(',', Cell(e.At.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)), Cell(e.ActorId), Cell(e.ActorEmail),
                Cell(e.Action), Cell(e.PatientId), Cell(e.Outcome), Cell(e.Detail)).Append("\r\n");
        }

        return text.ToString();
    }

    /// <summary>RFC 4180 quoting, and a leading quote mark for anything a spreadsheet would run as a formula.</summary>
    private static string Cell(string? value)
    {
        value ??= "";
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }
}
