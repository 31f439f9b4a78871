using HipRehab.Core.Library;
using HipRehab.Web.Data;
using HipRehab.Web.Features.Alerts;
using HipRehab.Web.Features.Plans;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using HipRehab.Web.Features.Shared;

namespace HipRehab.Web.Features.Sessions;

/// <summary>
/// What a logged session changes next time, and why. Only the person's own sessions: another
/// person's session id answers 404, exactly like an unknown one.
/// </summary>
[AuthorizePerson]
public sealed class SessionSummaryModel(AppDb db, ExerciseLibrary library) : PageModel
{
    public DateTime PerformedAt { get; private set; }

    public IReadOnlyList<DecisionResponse> Decisions { get; private set; } = [];

    public IReadOnlyList<AlertResponse> Alerts { get; private set; } = [];

    public bool Found { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var userId = User.UserId();
        var session = await db.Sessions.AsNoTracking().Where(s => s.Id == id && s.UserId == userId)
            .Select(s => new { s.PerformedAt }).FirstOrDefaultAsync(ct);
        if (session is null)
        {
            return new PageResult { StatusCode = StatusCodes.Status404NotFound };
        }

        Found = true;
        PerformedAt = session.PerformedAt;
        var decisions = await db.Decisions.AsNoTracking().Where(d => d.SessionId == id && d.UserId == userId)
            .OrderBy(d => d.CreatedAt).ThenBy(d => d.Id).ToListAsync(ct);
        Decisions = [.. decisions.Select(PlanMapping.ToResponse)];
        // Escalation runs once the session is committed: what it raised (E5's "stop for today" after
        // a rating of 8 or more, say) is among the person's open alerts, the most urgent first.
        var open = await db.Alerts.AsNoTracking().Where(a => a.UserId == userId && a.Status == "open")
            .OrderByDescending(a => a.CreatedAt).Take(50).ToListAsync(ct);
        Alerts = [.. AlertWords.UrgentFirst(open.Select(AlertResponse.From))];
        return Page();
    }

    public string NameOf(string exerciseId) => library.FindVariant(exerciseId)?.Name ?? exerciseId;
}
