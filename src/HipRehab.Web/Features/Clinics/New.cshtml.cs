using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

using HipRehab.Web.Features.Shared;

namespace HipRehab.Web.Features.Clinics;

/// <summary>Start a clinic: the person becomes its admin and a clinician there (as the API's POST /clinics).</summary>
[AuthorizePerson]
public sealed class NewModel(ClinicActions clinics) : PageModel
{
    [BindProperty(Name = "name")] public string? Name { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (id, error) = await clinics.CreateClinicAsync(User.UserId(), Name, ct);
        if (id is null)
        {
            Error = error;
            return Page();
        }

        return Redirect($"/clinics/{id}");
    }
}
