using HipRehab.Core.Library;
using HipRehab.Web.Data;
using HipRehab.Web.Features.Plans;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

using HipRehab.Web.Features.Shared;

namespace HipRehab.Web.Features.Sessions;

/// <summary>The person's logged sessions, newest first, with the exercises, pain and decisions.</summary>
[AuthorizePerson]
public sealed class HistoryModel(AppDb db, ExerciseLibrary library) : PageModel
{
    /// <summary>How many sessions the page shows.</summary>
    public const int Shown = 50;

    public sealed record Entry(Guid Id, DateTime PerformedAt, int? PainBefore, int? PainAfter,
        IReadOnlyList<ExerciseLogRecord> Exercises, IReadOnlyList<DecisionResponse> Decisions);

    public IReadOnlyList<Entry> Sessions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var userId = User.UserId();
        var sessions = await db.Sessions.AsNoTracking().Where(s => s.UserId == userId)
            .OrderByDescending(s => s.PerformedAt).ThenByDescending(s => s.Id).Take(Shown)
            .Include(s => s.Exercises).ToListAsync(ct);
        var ids = sessions.Select(s => s.Id).ToList();
        var decisions = (await db.Decisions.AsNoTracking().Where(d => d.UserId == userId && d.SessionId != null && ids.Contains(d.SessionId.Value)).ToListAsync(ct))
            .ToLookup(d => d.SessionId);
        Sessions = [.. sessions.Select(s => new Entry(s.Id, s.PerformedAt, s.PainBefore, s.PainAfter,
            [.. s.Exercises.OrderBy(e => e.Id)], [.. decisions[s.Id].OrderBy(d => d.Id).Select(PlanMapping.ToResponse)]))];
    }

    public string NameOf(string exerciseId) => library.FindVariant(exerciseId)?.Name ?? exerciseId;
}
