using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

using HipRehab.Web.Features.Shared;

namespace HipRehab.Web.Features.Clinics;

/// <summary>Stop sharing with one clinic, after a clear confirmation. 404 when there is no such share.</summary>
[AuthorizePerson]
public sealed class StopSharingModel(ClinicActions clinics) : PageModel
{
    [TempData] public string? Done { get; set; }

    [TempData] public string? DoneClinic { get; set; }

    public ClinicLinkResponse? Link { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid clinicId, CancellationToken ct)
    {
        Link = (await clinics.LinksAsync(User.UserId(), ct)).FirstOrDefault(l => l.Active && l.ClinicId == clinicId);
        return Link is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid clinicId, CancellationToken ct)
    {
        var link = (await clinics.LinksAsync(User.UserId(), ct)).FirstOrDefault(l => l.Active && l.ClinicId == clinicId);
        if (link is null || !await clinics.UnlinkAsync(User.UserId(), clinicId, ct))
        {
            return NotFound();
        }

        Done = "stopped";
        DoneClinic = link.ClinicName;
        return Redirect("/me/sharing");
    }
}
