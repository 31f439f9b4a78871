using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

using HipRehab.Web.Features.Shared;

namespace HipRehab.Web.Features.Clinics;

/// <summary>"Share with my clinic": type a clinic's code, see who you share with, and stop sharing.</summary>
[AuthorizePerson]
public sealed class SharingModel(ClinicActions clinics) : PageModel
{
    [BindProperty(Name = "code")] public string? Code { get; set; }

    [TempData] public string? Done { get; set; }

    [TempData] public string? DoneClinic { get; set; }

    public string? Error { get; private set; }

    public IReadOnlyList<ClinicLinkResponse> Links { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Links = await clinics.LinksAsync(User.UserId(), ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var link = await clinics.LinkAsync(User.UserId(), Code, ct);
        if (link is null)
        {
            Error = string.IsNullOrWhiteSpace(Code)
                ? "Type the code your clinic gave you."
                : "This code does not work. It may have been used already or be out of date. Please ask your clinic for a new one.";
            Links = await clinics.LinksAsync(User.UserId(), ct);
            return Page();
        }

        Done = "shared";
        DoneClinic = link.ClinicName;
        return RedirectToPage();
    }
}
