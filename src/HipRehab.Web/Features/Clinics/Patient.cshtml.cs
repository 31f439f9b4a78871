using HipRehab.Core;
using HipRehab.Core.Assessment;
using HipRehab.Core.Library;
using HipRehab.Core.Planning;
using HipRehab.Web.Data;
using HipRehab.Web.Features.Plans;
using HipRehab.Web.Features.Progress;
using HipRehab.Web.Features.Shared;
using HipRehab.Web.Features.Tailoring;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using HipRehab.Web.Features.Alerts;
using HipRehab.Web.Features.Intake;

namespace HipRehab.Web.Features.Clinics;

/// <summary>
/// One linked patient, as the clinic sees them: the same read as the API's detail and the same
/// checks (staff → second factor → link; 404 when out of reach). Every view, note and resolve is
/// one audit entry.
/// </summary>
[AuthorizePerson]
public sealed class PatientModel(ClinicAccess access, ClinicPatients patients, ClinicActions clinics, TailoringService tailoring, PlanService plans, ProgressService progress, AppDb db,
    ExerciseLibrary library) : PageModel
{
    public Guid ClinicId { get; private set; }

    public PatientDetail Detail { get; private set; } = null!;

    /// <summary>Their progress: the same figures and charts as their own progress page.</summary>
    public ProgressView Progress { get; private set; } = null!;

    [BindProperty(Name = "text")] public string? NoteText { get; set; }

    [BindProperty(Name = "alertId")] public Guid? AlertId { get; set; }

    [TempData] public string? Done { get; set; }

    [BindProperty(Name = "ruleIds")] public List<string?> ClearRuleIds { get; set; } = [];

    [BindProperty(Name = "clearanceNote")] public string? ClearanceNote { get; set; }

    [BindProperty(Name = "set")] public string? ChosenSet { get; set; }

    [BindProperty(Name = "forbiddenDemands")] public List<string?> ForbiddenDemands { get; set; } = [];

    [BindProperty(Name = "until")] public string? Until { get; set; }

    /// <summary>The see-clinician-soon findings of the latest screening, and which of them are cleared.</summary>
    public IReadOnlyList<Finding> ToClear { get; private set; } = [];

    public IReadOnlySet<string> Cleared { get; private set; } = new HashSet<string>();

    /// <summary>True when the person's plan is paused by a warning sign at a check-in.</summary>
    public bool PlanPaused { get; private set; }

    public FormErrors ClearanceErrors { get; private set; } = FormErrors.None("clearance");

    public FormErrors PrecautionErrors { get; private set; } = FormErrors.None("precautions");

    public bool HasErrors => NoteError is not null || ClearanceErrors.Count > 0 || PrecautionErrors.Count > 0;

    public string? NoteError { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid clinicId, string patientId, CancellationToken ct)
    {
        var (staff, refused) = await StaffPages.OpenPatientAsync(this, access, clinicId, patientId, "view-patient", ct);
        if (refused is not null)
        {
            return refused;
        }

        await LoadAsync(clinicId, patientId, ct);
        await db.SaveChangesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostNoteAsync(Guid clinicId, string patientId, CancellationToken ct)
    {
        var (staff, refused) = await StaffPages.OpenPatientAsync(this, access, clinicId, patientId, "add-note", ct);
        if (refused is not null)
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
        var (staff, refused) = await StaffPages.OpenPatientAsync(this, access, clinicId, patientId, "resolve-alert", ct);
        if (refused is not null)
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

    public async Task<IActionResult> OnPostClearAsync(Guid clinicId, string patientId, CancellationToken ct)
    {
        var (staff, refused) = await StaffPages.OpenPatientAsync(this, access, clinicId, patientId, "clear-findings", ct);
        if (refused is not null)
        {
            return refused;
        }

        var result = await tailoring.ClearAsync(staff!, patientId, new ClearanceRequest(ClearRuleIds, ClearanceNote), ct);
        if (result.Refusal is { } refusal)
        {
            ClearanceErrors = new FormErrors("clearance", refusal.Errors, field => field == "note" ? "clearance-note" : "clear-group");
            return await ShowAgainAsync(refusal, clinicId, patientId, ct);
        }

        Done = "cleared";
        return Redirect($"/clinics/{clinicId}/patients/{Uri.EscapeDataString(patientId)}#intake");
    }

    public async Task<IActionResult> OnPostPrecautionsAsync(Guid clinicId, string patientId, CancellationToken ct)
    {
        var (staff, refused) = await StaffPages.OpenPatientAsync(this, access, clinicId, patientId, "set-precautions", ct);
        if (refused is not null)
        {
            return refused;
        }

        var until = string.IsNullOrWhiteSpace(Until) ? null : Until.Trim();
        var result = await tailoring.SetPrecautionsAsync(staff!, patientId, new PrecautionsRequest(ChosenSet, ForbiddenDemands, until), ct);
        if (result.Refusal is { } refusal)
        {
            PrecautionErrors = new FormErrors("precautions", refusal.Errors, field => field switch
            {
                "set" => "set-group",
                "forbiddenDemands" => "avoid-group",
                "until" => "until",
                _ => "precautions-form",
            });
            return await ShowAgainAsync(refusal, clinicId, patientId, ct);
        }

        Done = "precautions";
        return Redirect($"/clinics/{clinicId}/patients/{Uri.EscapeDataString(patientId)}#precautions");
    }

    /// <summary>A refused change: the page again with the errors at the form (already on the audit record), or 404.</summary>
    private async Task<IActionResult> ShowAgainAsync(TailoringRefusal refusal, Guid clinicId, string patientId, CancellationToken ct)
    {
        if (refusal.Status == StatusCodes.Status404NotFound)
        {
            return NotFound();
        }

        await LoadAsync(clinicId, patientId, ct);
        return Page();
    }

    private async Task LoadAsync(Guid clinicId, string patientId, CancellationToken ct)
    {
        ClinicId = clinicId;
        Detail = await PatientEndpoints.ReadDetailAsync(db, patients, plans, clinicId, patientId, ct);
        Progress = new ProgressView(await progress.ForAsync(patientId, progress.Today, ct), ForClinician: true);
        if (Detail.Intake is { } intake)
        {
            // The intake's see-clinician-soon findings, and the warning signs from check-ins that paused the plan (E1R).
            var pause = Detail.Plan?.PausedFindings ?? [];
            ToClear = [.. intake.Screening.Findings.Where(f => f.Outcome == ScreeningOutcome.SeeClinicianSoon)
                .Concat(pause.Where(f => f.Outcome == ScreeningOutcome.SeeClinicianSoon)
                    .Select(f => new Finding(f.RuleId, f.Outcome, $"Reported at the check-in of {PlainWords.Date(f.CheckInDate)}: {f.Message}")))
                .DistinctBy(f => f.RuleId)];
            Cleared = new HashSet<string>([.. await IntakeClearances.ClearedRuleIdsAsync(db, patientId, intake.Id, ct), .. await PlanPause.ClearedAsync(db, patientId, pause, ct)]);
            PlanPaused = Detail.Plan?.Status == PlanStatus.Paused;
        }

        if (Request.Method == HttpMethods.Get && Detail.Precautions is { } recorded)
        {
            ChosenSet = recorded.Set;
            ForbiddenDemands = [.. recorded.ForbiddenDemands];
            Until = recorded.Until?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    public static IReadOnlyList<Choice> SetChoices { get; } =
    [
        .. Vocab<PrecautionSet>.Names.Select(name => new Choice(name, SetName(name),
            Vocab<PrecautionSet>.TryParse(name, out var set) && set != PrecautionSet.Custom
                ? "Forbids: " + string.Join(", ", ActivePrecautions.DemandsOf(set).Order().Select(d => DemandName(Vocab<Demand>.Name(d))))
                : null)),
    ];

    public static IReadOnlyList<Choice> DemandChoices { get; } =
        [.. Vocab<Demand>.Names.Select(name => new Choice(name, DemandName(name)))];

    /// <summary>A precaution set in words, with its rule.</summary>
    public static string SetName(string set) => set switch
    {
        "posterior" => "After a posterior hip replacement (THR-P)",
        "anterior" => "After an anterior hip replacement (THR-A)",
        "lateral" => "After a lateral hip replacement (THR-L)",
        _ => "Only the movements listed (THR-S)",
    };

    /// <summary>A movement demand in words: "hip-flexion-over-90" → "hip flexion over 90°".</summary>
    public static string DemandName(string demand) => demand == "hip-flexion-over-90" ? "hip flexion over 90°" : demand.Replace('-', ' ');

    public static string Outcome(HipRehab.Core.Assessment.ScreeningOutcome outcome) => HipRehab.Core.Vocab<HipRehab.Core.Assessment.ScreeningOutcome>.Name(outcome);

    public string NameOf(string exerciseId) => library.FindVariant(exerciseId)?.Name ?? exerciseId;
}
