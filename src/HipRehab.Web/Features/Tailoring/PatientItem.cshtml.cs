using System.Globalization;
using HipRehab.Core.Library;
using HipRehab.Web.Data;
using HipRehab.Web.Features.Plans;
using HipRehab.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using HipRehab.Web.Features.Exercises;

namespace HipRehab.Web.Features.Tailoring;

/// <summary>
/// Tailoring one item of a linked person's plan (issue 4 item 3): another version of the same
/// exercise, a dose within the library's limits, pinned or not. The same rules and audit entry as
/// <c>PUT …/plan/items/{itemId}</c>, through <see cref="TailoringService"/>.
/// </summary>
[AuthorizePerson]
public sealed class PatientItemModel(ClinicAccess access, TailoringService tailoring, PlanService plans, AppDb db, ExerciseLibrary library) : PageModel
{
    public Guid ClinicId { get; private set; }

    public string PatientId { get; private set; } = "";

    public string? PatientEmail { get; private set; }

    public PlanItemResponse Item { get; private set; } = null!;

    /// <summary>The versions of the item's family, easiest first.</summary>
    public IReadOnlyList<ExerciseVariant> Versions { get; private set; } = [];

    /// <summary>The current version drawn with the person's own hold (null for a clinic's exercise without movement data).</summary>
    public string? Drawing { get; private set; }

    [BindProperty(Name = "exerciseId")] public string? ExerciseId { get; set; }

    [BindProperty(Name = "sets")] public string? Sets { get; set; }

    [BindProperty(Name = "reps")] public string? Reps { get; set; }

    [BindProperty(Name = "holdSeconds")] public string? HoldSeconds { get; set; }

    [BindProperty(Name = "daysPerWeek")] public string? DaysPerWeek { get; set; }

    [BindProperty(Name = "pinned")] public bool Pinned { get; set; }

    public FormErrors Errors { get; private set; } = FormErrors.None("item");

    public string PatientUrl => $"/clinics/{ClinicId}/patients/{Uri.EscapeDataString(PatientId)}";

    public async Task<IActionResult> OnGetAsync(Guid clinicId, string patientId, Guid itemId, CancellationToken ct)
    {
        var (_, refused) = await StaffPages.OpenPatientAsync(this, access, clinicId, patientId, "view-patient", ct);
        if (refused is not null)
        {
            return refused;
        }

        if (!await LoadAsync(clinicId, patientId, itemId, ct))
        {
            await access.RefuseAfterOpeningAsync(AuditOutcome.DeniedNotFound, patientId, ct);
            return NotFound();
        }

        ExerciseId = Item.ExerciseId;
        Sets = Text(Item.Dose.Sets);
        Reps = Text(Item.Dose.Reps);
        HoldSeconds = Text(Item.Dose.HoldSeconds);
        DaysPerWeek = Text(Item.Dose.DaysPerWeek);
        Pinned = Item.Pinned;
        await db.SaveChangesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid clinicId, string patientId, Guid itemId, CancellationToken ct)
    {
        var (staff, refused) = await StaffPages.OpenPatientAsync(this, access, clinicId, patientId, "tailor-item", ct);
        if (refused is not null)
        {
            return refused;
        }

        // Numbers arrive as text so that "abc" is named as an error instead of silently dropped.
        var errors = new Dictionary<string, string[]>();
        var dose = new DoseRequest(FormValues.Int("dose.sets", Sets, errors), FormValues.Int("dose.reps", Reps, errors),
            FormValues.Int("dose.holdSeconds", HoldSeconds, errors), null, null, null, FormValues.Int("dose.daysPerWeek", DaysPerWeek, errors));
        TailoringRefusal? refusal;
        if (errors.Count > 0)
        {
            await access.RefuseAfterOpeningAsync(AuditOutcome.DeniedInvalidInput, patientId, ct);
            refusal = TailoringRefusal.Invalid(errors);
        }
        else
        {
            refusal = (await tailoring.UpdateItemAsync(staff!, patientId, itemId, new ItemRequest(ExerciseId, dose, Pinned), ct)).Refusal;
        }

        if (refusal is null)
        {
            TempData["Done"] = "item";
            return Redirect($"/clinics/{clinicId}/patients/{Uri.EscapeDataString(patientId)}#plan");
        }

        if (refusal.Status == StatusCodes.Status404NotFound || !await LoadAsync(clinicId, patientId, itemId, ct))
        {
            return NotFound();
        }

        Errors = new FormErrors("item", refusal.Errors, field => field is "exerciseId" ? "exerciseId-group" : field is "plan" ? "item-form" : field);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid clinicId, string patientId, Guid itemId, CancellationToken ct)
    {
        ClinicId = clinicId;
        PatientId = patientId;
        var plan = await plans.CurrentAsync(patientId, ct);
        var item = plan is null ? null : (await plans.ToResponseAsync(plan, ct)).Items.FirstOrDefault(i => i.Id == itemId);
        if (item is null)
        {
            return false;
        }

        Item = item;
        PatientEmail = await db.Users.Where(u => u.Id == patientId).Select(u => u.Email).FirstOrDefaultAsync(ct);
        var clinicLibrary = await ClinicLibrary.ForClinicAsync(db, library, clinicId, ct);
        Versions = [.. (clinicLibrary.FindFamily(item.Family)?.Variants ?? []).OrderBy(v => v.Level)];
        Drawing = clinicLibrary.FindVariant(item.ExerciseId) is { } current
            ? Exercises.Demonstrations.Inline(current, item.Dose.HoldSeconds, Exercises.DrawnSide.Right, Exercises.DrawingMode.Animated, "demo-item")
            : null;
        return true;
    }

    private static string? Text(int? value) => value?.ToString(CultureInfo.InvariantCulture);
}
