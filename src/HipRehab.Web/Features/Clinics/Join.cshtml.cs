using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

using HipRehab.Web.Features.Shared;

namespace HipRehab.Web.Features.Clinics;

/// <summary>Join a clinic's staff with the code an admin made out to this account's email address.</summary>
[AuthorizePerson]
public sealed class JoinModel(ClinicActions clinics) : PageModel
{
    [BindProperty(Name = "code")] public string? Code { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var joined = await clinics.AcceptStaffInvitationAsync(User.UserId(), Code, ct);
        if (joined is null)
        {
            // One answer for every way a code can fail, as in the API.
            Error = "This code does not work. It may be used already, out of date, or made out to another email address. Please ask your clinic's admin for a new one.";
            return Page();
        }

        return Redirect($"/clinics/{joined.ClinicId}");
    }
}
