using HipRehab.Web.Features.Alerts;
using Microsoft.AspNetCore.Mvc.RazorPages;

using HipRehab.Web.Features.Shared;

namespace HipRehab.Web.Features.Progress;

/// <summary>The person's progress: the figures of <c>GET /api/v1/me/progress</c>, as charts with their tables.</summary>
[AuthorizePerson]
public sealed class ProgressModel(ProgressService progress) : PageModel
{
    public ProgressView View { get; private set; } = null!;

    public IReadOnlyList<AlertResponse> OpenAlerts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var figures = await progress.ForAsync(User.UserId(), progress.Today, ct);
        View = new ProgressView(figures, ForClinician: false);
        OpenAlerts = [.. figures.Alerts.Where(a => a.Status == "open")];
    }
}
