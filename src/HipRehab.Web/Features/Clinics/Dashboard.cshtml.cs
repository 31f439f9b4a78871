using HipRehab.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using HipRehab.Web.Features.Shared;

namespace HipRehab.Web.Features.Clinics;

/// <summary>
/// The clinic's dashboard: linked patients most in need first, each with the reason in words. The
/// list is patient data, so it is opened like the API's list (second factor, one audit entry).
/// </summary>
[AuthorizePerson]
public sealed class DashboardModel(ClinicAccess access, ClinicPatients patients, ClinicActions clinics, AppDb db) : PageModel
{
    public Guid ClinicId { get; private set; }

    public string ClinicName { get; private set; } = "";

    public StaffMember? Staff { get; private set; }

    public IReadOnlyList<ClinicPatients.Signals> Patients { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid clinicId, CancellationToken ct)
    {
        var (staff, notStaff) = await access.StaffAsync(User, clinicId, ct);
        if (notStaff is not null)
        {
            return NotFound();
        }

        if (await StaffPages.OpenAsync(this, access, staff!, "list-patients", null, ct) is { } refused)
        {
            return refused;
        }

        Staff = staff;
        ClinicId = clinicId;
        ClinicName = await clinics.ClinicNameAsync(clinicId, ct) ?? "";
        Patients = await patients.RankAsync(clinicId, null, ct);
        await db.SaveChangesAsync(ct);
        return Page();
    }
}
