using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using HipRehab.Web.Features.Shared;

namespace HipRehab.Web.Features.Clinics;

/// <summary>Make a patient invitation code. The code is shown once (only its hash is kept), with its expiry.</summary>
[AuthorizePerson]
public sealed class PatientCodeModel(ClinicAccess access, ClinicActions clinics) : PageModel
{
    public Guid ClinicId { get; private set; }

    public string ClinicName { get; private set; } = "";

    public PatientInvitationResponse? Made { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid clinicId, CancellationToken ct) => await LoadAsync(clinicId, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid clinicId, CancellationToken ct)
    {
        var (staff, notStaff) = await access.StaffAsync(User, clinicId, ct);
        if (notStaff is not null || !await LoadAsync(clinicId, ct))
        {
            return NotFound();
        }

        Made = await clinics.NewPatientCodeAsync(staff!, ct);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid clinicId, CancellationToken ct)
    {
        var (_, notStaff) = await access.StaffAsync(User, clinicId, ct);
        if (notStaff is not null)
        {
            return false;
        }

        ClinicId = clinicId;
        ClinicName = await clinics.ClinicNameAsync(clinicId, ct) ?? "";
        return true;
    }
}
