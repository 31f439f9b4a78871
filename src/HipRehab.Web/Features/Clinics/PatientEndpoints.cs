using HipRehab.Web.Data;
using HipRehab.Web.Features.Alerts;
using HipRehab.Web.Features.CheckIns;
using HipRehab.Web.Features.Intake;
using HipRehab.Web.Features.Plans;
using HipRehab.Web.Features.Sessions;
using HipRehab.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using HipRehab.Web.Features.Shared;
using HipRehab.Web.Features.Progress;

namespace HipRehab.Web.Features.Clinics;

/// <summary>
/// A clinic's view of its linked patients. Every handler opens the data through
/// <see cref="ClinicAccess"/> (staff → second factor → link, one audit entry) and then queries
/// only within that clinic's active links.
/// </summary>
public static class PatientEndpoints
{
    public const int RecentSessions = 20;
    public const int RecentCheckIns = 60;
    public const int MaxNoteLength = 4000;

    public static IEndpointRouteBuilder MapClinicPatients(this IEndpointRouteBuilder app)
    {
        var clinic = app.MapGroup("/api/v1/clinics/{clinicId:guid}").WithTags("Clinic patients").RequireAuthorization(ApiPolicies.StaffApi);

        clinic.MapGet("/patients", ListAsync)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Linked patients, most in need first (urgent alerts, see-clinician alerts, worsening pain, awaiting clearance, low adherence), each with the reasons in plain words.");

        clinic.MapGet("/patients/{patientId}", DetailAsync)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One linked patient: intake and screening, plan with its decision history, adherence, recent sessions, check-ins, alerts and notes.");

        clinic.MapPost("/patients/{patientId}/notes", AddNoteAsync)
            .AcceptsJson<NoteRequest>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Add a note about a linked patient, visible to the clinic's staff.");

        clinic.MapGet("/alerts", AlertsAsync)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Unresolved alerts of linked patients, most severe first, then oldest first.");

        clinic.MapPost("/alerts/{alertId:guid}/resolve", ResolveAsync)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Resolve an alert of a linked patient once it has been dealt with.");

        return app;
    }

    private static async Task<Results<Ok<List<PatientRow>>, ProblemHttpResult>> ListAsync(Guid clinicId, HttpContext http, ClinicAccess access, ClinicPatients patients, AppDb db, CancellationToken ct)
    {
        var (staff, problem) = await access.OpenAsync(http.User, clinicId, "list-patients", null, ct);
        if (problem is not null)
        {
            return problem;
        }

        var rows = await patients.RankAsync(staff!.ClinicId, null, ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(rows.Select(ClinicPatients.ToRow).ToList());
    }

    private static async Task<Results<Ok<PatientDetail>, ProblemHttpResult>> DetailAsync(Guid clinicId, string patientId, HttpContext http, ClinicAccess access, ClinicPatients patients,
        AppDb db, PlanService plans, CancellationToken ct)
    {
        var (staff, problem) = await access.OpenAsync(http.User, clinicId, "view-patient", patientId, ct);
        if (problem is not null)
        {
            return problem;
        }

        var detail = await ReadDetailAsync(db, patients, plans, staff!.ClinicId, patientId, ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(detail);
    }

    /// <summary>
    /// Everything the clinic sees of one linked person (the API's detail and the patient page). The caller
    /// has opened the data through <see cref="ClinicAccess"/> and saves the tracked audit entry afterwards.
    /// </summary>
    public static async Task<PatientDetail> ReadDetailAsync(AppDb db, ClinicPatients patients, PlanService plans, Guid clinicId, string patientId, CancellationToken ct)
    {
        var signals = (await patients.RankAsync(clinicId, patientId, ct)).Single();
        var intake = await IntakeStore.LatestAsync(db, patientId, ct);
        var plan = await plans.CurrentAsync(patientId, ct);
        var sessions = await db.Sessions.AsNoTracking().Where(s => s.UserId == patientId)
            .OrderByDescending(s => s.PerformedAt).ThenByDescending(s => s.Id).Take(RecentSessions)
            .Include(s => s.Exercises).ToListAsync(ct);
        var sessionIds = sessions.Select(s => s.Id).ToList();
        var decisions = (await db.Decisions.AsNoTracking().Where(d => d.UserId == patientId && d.SessionId != null && sessionIds.Contains(d.SessionId.Value)).ToListAsync(ct))
            .ToLookup(d => d.SessionId);
        var checkIns = await db.CheckIns.AsNoTracking().Where(c => c.UserId == patientId)
            .OrderByDescending(c => c.Date).ThenByDescending(c => c.CreatedAt).Take(RecentCheckIns).ToListAsync(ct);
        var alerts = await db.Alerts.AsNoTracking().Where(a => a.UserId == patientId)
            .OrderByDescending(a => a.CreatedAt).Take(200).ToListAsync(ct);
        var notes = await NotesQuery(db, clinicId, patientId).ToListAsync(ct);
        var precautions = await db.PatientPrecautions.AsNoTracking().Where(p => p.PatientId == patientId)
            .Select(p => new { p.Set, p.ForbiddenDemandsJson, p.Until, p.RecordedAt, By = db.Users.Where(u => u.Id == p.RecordedBy).Select(u => u.Email).FirstOrDefault() })
            .FirstOrDefaultAsync(ct);

        var detail = new PatientDetail(patientId, signals.Patient.Email, signals.Patient.LinkedAt, signals.Reasons, NeedWords.Of(signals.Reasons[0]),
            intake is null ? null : IntakeStore.ToResponse(intake),
            plan is null ? null : await plans.ToResponseAsync(plan, ct),
            AdherenceResponse.From(signals.Adherence),
            [.. sessions.Select(s => new SessionSummary(s.Id, s.PerformedAt, s.PainBefore, s.PainAfter,
                [.. s.Exercises.Select(e => new LoggedExercise(e.PlanItemId, e.PrescribedExerciseId, e.CompletedSets, e.CompletedReps, e.CompletedHoldSeconds, e.PainDuring, e.Effort, e.Note))],
                [.. decisions[s.Id].Select(PlanMapping.ToResponse)]))],
            [.. checkIns.Select(c => new CheckInSummary(c.Id, c.Date, c.UsualPain, c.SettledSinceLastSession, StoredJson.Read<List<string>>(c.RedFlagsJson)))],
            [.. alerts.Select(AlertResponse.From)],
            notes,
            precautions is null ? null : new RecordedPrecautionsResponse(precautions.Set, StoredJson.Read<List<string>>(precautions.ForbiddenDemandsJson),
                precautions.Until, precautions.By, precautions.RecordedAt));
        return detail;
    }

    private static IQueryable<NoteResponse> NotesQuery(AppDb db, Guid clinicId, string patientId) =>
        db.ClinicalNotes.AsNoTracking().Where(n => n.ClinicId == clinicId && n.PatientId == patientId)
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Select(n => new NoteResponse(n.Id, n.AuthorId, db.Users.Where(u => u.Id == n.AuthorId).Select(u => u.Email).FirstOrDefault(), n.Text, n.CreatedAt));

    private static async Task<Results<Created<NoteResponse>, ValidationProblem, ProblemHttpResult>> AddNoteAsync(Guid clinicId, string patientId, HttpRequest request, ClinicAccess access, AppDb db,
        TimeProvider clock, CancellationToken ct)
    {
        var (staff, denied) = await access.OpenAsync(request.HttpContext.User, clinicId, "add-note", patientId, ct);
        if (denied is not null)
        {
            return denied;
        }

        var (body, problem) = await JsonBody.ReadAsync<NoteRequest>(request, ct);
        var text = body?.Text?.Trim();
        if (problem is not null || string.IsNullOrEmpty(text) || text.Length > MaxNoteLength)
        {
            // Nothing was written: the attempt is still on record, as refused.
            await access.RefuseAfterOpeningAsync(AuditOutcome.DeniedInvalidInput, patientId, ct);
            return problem is not null ? problem : Problems.Invalid("text", $"Write a note of 1 to {MaxNoteLength} characters.");
        }

        var note = new ClinicalNoteRecord
        {
            Id = OrderedIds.Next(), ClinicId = staff!.ClinicId, PatientId = patientId, AuthorId = staff.UserId, Text = text!,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.ClinicalNotes.Add(note);
        await db.SaveChangesAsync(ct);
        var email = await db.Users.Where(u => u.Id == staff.UserId).Select(u => u.Email).FirstOrDefaultAsync(ct);
        return TypedResults.Created($"/api/v1/clinics/{clinicId}/patients/{patientId}", new NoteResponse(note.Id, note.AuthorId, email, note.Text, note.CreatedAt));
    }

    private static async Task<Results<Ok<List<ClinicAlertResponse>>, ProblemHttpResult>> AlertsAsync(Guid clinicId, HttpContext http, ClinicAccess access, ClinicPatients patients, AppDb db, CancellationToken ct)
    {
        var (staff, problem) = await access.OpenAsync(http.User, clinicId, "list-alerts", null, ct);
        if (problem is not null)
        {
            return problem;
        }

        var alerts = await patients.Alerts(staff!.ClinicId).AsNoTracking().Where(a => a.Status != "resolved")
            .OrderBy(a => a.CreatedAt).Take(500)
            .Select(a => new ClinicAlertResponse(a.Id, a.UserId, db.Users.Where(u => u.Id == a.UserId).Select(u => u.Email).FirstOrDefault(),
                a.RuleId, a.Severity, a.Message, a.CreatedAt, a.Status))
            .ToListAsync(ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(alerts.OrderByDescending(a => Severity.Rank(a.Severity)).ThenBy(a => a.CreatedAt).ToList());
    }

    private static async Task<Results<Ok<ClinicAlertResponse>, ProblemHttpResult>> ResolveAsync(Guid clinicId, Guid alertId, HttpContext http, ClinicAccess access, ClinicPatients patients,
        ClinicActions clinics, AppDb db, CancellationToken ct)
    {
        var (staff, problem) = await access.OpenAsync(http.User, clinicId, "resolve-alert", null, ct);
        if (problem is not null)
        {
            return problem;
        }

        // The same code as the patient page's resolve button.
        if (await clinics.ResolveAlertAsync(access, patients, staff!, null, alertId, ct) is not { } alert)
        {
            return Problems.NotFound("That alert");
        }

        var email = await db.Users.Where(u => u.Id == alert.UserId).Select(u => u.Email).FirstOrDefaultAsync(ct);
        return TypedResults.Ok(new ClinicAlertResponse(alert.Id, alert.UserId, email, alert.RuleId, alert.Severity, alert.Message, alert.CreatedAt, alert.Status));
    }
}
