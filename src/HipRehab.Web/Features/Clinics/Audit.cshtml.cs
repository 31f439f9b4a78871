using System.Text;
using HipRehab.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using HipRehab.Web.Features.Shared;

namespace HipRehab.Web.Features.Clinics;

/// <summary>
/// The clinic's audit log for admins, newest first, with a CSV download. Like the API, reading it
/// needs the admin role and the second factor, and the read itself is on record.
/// </summary>
[AuthorizePerson]
public sealed class AuditModel(ClinicAccess access, ClinicActions clinics, AppDb db) : PageModel
{
    public const int Shown = 200;

    public Guid ClinicId { get; private set; }

    public bool NotAdmin { get; private set; }

    public IReadOnlyList<AuditEntryResponse> Entries { get; private set; } = [];

    public Task<IActionResult> OnGetAsync(Guid clinicId, CancellationToken ct) => ReadAsync(clinicId, csv: false, ct);

    /// <summary>The whole log (up to the API's maximum) as a spreadsheet file.</summary>
    public Task<IActionResult> OnGetCsvAsync(Guid clinicId, CancellationToken ct) => ReadAsync(clinicId, csv: true, ct);

    private async Task<IActionResult> ReadAsync(Guid clinicId, bool csv, CancellationToken ct)
    {
        var (staff, notStaff) = await access.StaffAsync(User, clinicId, ct);
        if (notStaff is not null)
        {
            return NotFound();
        }

        ClinicId = clinicId;
        var action = csv ? "export-audit" : "view-audit";
        if (await access.RequireAdminAsync(staff!, action, ct) is not null)
        {
            NotAdmin = true;
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }

        if (await StaffPages.OpenAsync(this, access, staff!, action, null, ct) is { } refused)
        {
            return refused;
        }

        // Recorded before it is read: this very read is in the answer.
        await db.SaveChangesAsync(ct);
        Entries = await clinics.AuditAsync(clinicId, csv ? 10_000 : Shown, ct);
        return csv
            ? File(Encoding.UTF8.GetBytes(ClinicEndpoints.ToCsv(Entries)), "text/csv; charset=utf-8", $"audit-{clinicId}.csv")
            : Page();
    }
}
