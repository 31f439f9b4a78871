using HipRehab.Core.Lifestyle;
using HipRehab.Web.Data;
using HipRehab.Web.Features.Alerts;
using HipRehab.Web.Features.Intake;
using HipRehab.Web.Features.Lifestyle;
using HipRehab.Web.Features.Outcomes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using HipRehab.Web.Features.Shared;

namespace HipRehab.Web.Features.Today;

/// <summary>What is due today, the way into the session player, today's sessions, and open alerts.</summary>
[AuthorizePerson]
public sealed class TodayModel(AppDb db, TodayService today, AlertService alerts, OutcomeService outcomes, LifestyleService lifestyle) : PageModel
{
    public TodayResponse Day { get; private set; } = null!;

    public bool HasPlan { get; private set; }

    public bool HasIntake { get; private set; }

    public IReadOnlyList<AlertResponse> OpenAlerts { get; private set; } = [];

    /// <summary>Outcome measures due today (OS1).</summary>
    public IReadOnlyList<DueMeasureResponse> DueMeasures { get; private set; } = [];

    /// <summary>Rest and activity guidance for today (D1, D4, L3).</summary>
    public IReadOnlyList<Guidance> Guidance { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <summary>"I have read this": the alert stays on record (a clinician resolves it) but leaves the list.</summary>
    public async Task<IActionResult> OnPostAcknowledgeAsync(Guid alertId, CancellationToken ct)
    {
        return await alerts.AcknowledgeAsync(User.UserId(), alertId, ct) is null ? NotFound() : Redirect("/me/today");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var userId = User.UserId();
        Day = await today.ForAsync(userId, today.Today, ct);
        HasPlan = Day.Paused || Day.Due.Count > 0 || await db.Plans.AsNoTracking().AnyAsync(p => p.UserId == userId && p.Status != PlanStatus.Replaced, ct);
        HasIntake = HasPlan || await IntakeStore.LatestAsync(db, userId, ct) is not null;
        var alerts = await db.Alerts.AsNoTracking().Where(a => a.UserId == userId && a.Status == "open")
            .OrderByDescending(a => a.CreatedAt).Take(50).ToListAsync(ct);
        OpenAlerts = [.. AlertWords.UrgentFirst(alerts.Select(AlertResponse.From))];
        // Read here, for the page only: the Today API (TodayService) stays two queries, since it is the hot path.
        if (HasPlan && !Day.Paused)
        {
            DueMeasures = (await outcomes.DueAsync(userId, Day.Date, ct)).Due;
            Guidance = await lifestyle.GuidanceAsync(userId, Day.Date, ct);
        }
    }
}
