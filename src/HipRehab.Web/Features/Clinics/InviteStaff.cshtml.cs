using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using HipRehab.Web.Features.Shared;

namespace HipRehab.Web.Features.Clinics;

/// <summary>An admin invites a colleague by email and role; the code is shown once. A clinician sees a plain "admins only" answer (403), as from the API.</summary>
[AuthorizePerson]
public sealed class InviteStaffModel(ClinicAccess access, ClinicActions clinics) : PageModel
{
    [BindProperty(Name = "email")] public string? Email { get; set; }

    [BindProperty(Name = "role")] public string? Role { get; set; }

    public Guid ClinicId { get; private set; }

    public bool NotAdmin { get; private set; }

    public Dictionary<string, string> Errors { get; private set; } = new(StringComparer.Ordinal);

    public StaffInvitationResponse? Made { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid clinicId, CancellationToken ct)
    {
        var (staff, notStaff) = await access.StaffAsync(User, clinicId, ct);
        if (notStaff is not null)
        {
            return NotFound();
        }

        ClinicId = clinicId;
        NotAdmin = !staff!.IsAdmin;
        Response.StatusCode = NotAdmin ? StatusCodes.Status403Forbidden : StatusCodes.Status200OK;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid clinicId, CancellationToken ct)
    {
        var (staff, notStaff) = await access.StaffAsync(User, clinicId, ct);
        if (notStaff is not null)
        {
            return NotFound();
        }

        ClinicId = clinicId;
        if (!staff!.IsAdmin)
        {
            NotAdmin = true;
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }

        (Made, Errors) = await clinics.InviteStaffAsync(staff, Email, Role, ct);
        return Page();
    }
}
