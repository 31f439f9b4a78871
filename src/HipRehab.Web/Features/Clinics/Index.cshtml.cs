using Microsoft.AspNetCore.Mvc.RazorPages;

using HipRehab.Web.Features.Shared;

namespace HipRehab.Web.Features.Clinics;

/// <summary>"My clinics": the clinics the signed-in person works at, and the ways to start or join one.</summary>
[AuthorizePerson]
public sealed class IndexModel(ClinicActions clinics) : PageModel
{
    public IReadOnlyList<ClinicResponse> Mine { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Mine = await clinics.MineAsync(User.UserId(), ct);
}
