using HipRehab.Core.Library;
using HipRehab.Web.Data;
using HipRehab.Web.Features.Plans;
using HipRehab.Web.Features.Me;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HipRehab.Web.Features.Clinics;

/// <summary>
/// One linked patient, as the clinic sees them: the same read as the API's detail and the same
/// checks (staff → second factor → link; 404 when out of reach). Every view, note and resolve is
/// one audit entry.
/// </summary>
[AuthorizePerson]
public sealed class PatientModel(ClinicAccess access, ClinicPatients patients, ClinicActions clinics, PlanService plans, AppDb db, ExerciseLibrary library) : PageModel
{
    /// <summary>One point of the pain chart.</summary>
    public sealed record PainPoint(DateOnly Date, int Pain);

    public Guid ClinicId { get; private set; }

    public PatientDetail Detail { get; private set; } = null!;

    public IReadOnlyList<PainPoint> Pain { get; private set; } = [];

    [BindProperty(Name = "text")] public string? NoteText { get; set; }

    [BindProperty(Name = "alertId")] public Guid? AlertId { get; set; }

    [TempData] public string? Done { get; set; }

    public string? NoteError { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid clinicId, string patientId, CancellationToken ct)
    {
        var (staff, notStaff) = await access.StaffAsync(User, clinicId, ct);
        if (notStaff is not null)
        {
            return NotFound();
        }

        if (await StaffPages.OpenAsync(this, access, staff!, "view-patient", patientId, ct) is { } refused)
        {
            return refused;
        }

        await LoadAsync(clinicId, patientId, ct);
        await db.SaveChangesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostNoteAsync(Guid clinicId, string patientId, CancellationToken ct)
    {
        var (staff, notStaff) = await access.StaffAsync(User, clinicId, ct);
        if (notStaff is not null)
        {
            return NotFound();
        }

        if (await StaffPages.OpenAsync(this, access, staff!, "add-note", patientId, ct) is { } refused)
        {
            return refused;
        }

        NoteError = await clinics.AddNoteAsync(access, staff!, patientId, NoteText, ct);
        if (NoteError is not null)
        {
            // Shown with the form; reading the page again for it is not a separate view on record.
            await LoadAsync(clinicId, patientId, ct);
            return Page();
        }

        Done = "note";
        return Redirect($"/clinics/{clinicId}/patients/{Uri.EscapeDataString(patientId)}#notes");
    }

    public async Task<IActionResult> OnPostResolveAsync(Guid clinicId, string patientId, CancellationToken ct)
    {
        var (staff, notStaff) = await access.StaffAsync(User, clinicId, ct);
        if (notStaff is not null)
        {
            return NotFound();
        }

        if (await StaffPages.OpenAsync(this, access, staff!, "resolve-alert", patientId, ct) is { } refused)
        {
            return refused;
        }

        if (AlertId is not Guid alertId || await clinics.ResolveAlertAsync(access, patients, staff!, patientId, alertId, ct) is null)
        {
            if (AlertId is null)
            {
                await access.RefuseAfterOpeningAsync(AuditOutcome.DeniedNotFound, patientId, ct);
            }

            return NotFound();
        }

        Done = "resolved";
        return Redirect($"/clinics/{clinicId}/patients/{Uri.EscapeDataString(patientId)}#alerts");
    }

    private async Task LoadAsync(Guid clinicId, string patientId, CancellationToken ct)
    {
        ClinicId = clinicId;
        Detail = await PatientEndpoints.ReadDetailAsync(db, patients, plans, clinicId, patientId, ct);
        // The usual pain of each morning check-in, oldest first: the record the person keeps most often.
        Pain = [.. Detail.CheckIns.GroupBy(c => c.Date).Select(g => new PainPoint(g.Key, g.First().UsualPain)).OrderBy(p => p.Date)];
    }

    public static string Outcome(HipRehab.Core.Assessment.ScreeningOutcome outcome) => HipRehab.Core.Vocab<HipRehab.Core.Assessment.ScreeningOutcome>.Name(outcome);

    public string NameOf(string exerciseId) => library.FindVariant(exerciseId)?.Name ?? exerciseId;
}
