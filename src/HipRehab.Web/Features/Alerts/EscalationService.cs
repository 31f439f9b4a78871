using HipRehab.Core;
using HipRehab.Core.Assessment;
using HipRehab.Core.Escalation;
using HipRehab.Core.Outcomes;
using HipRehab.Web.Data;
using HipRehab.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using HipRehab.Web.Features.Shared;

namespace HipRehab.Web.Features.Alerts;

/// <summary>
/// The one place that decides alerts: after every record (check-in, committed sessions, outcome) it
/// loads the person's dated records, asks <see cref="EscalationEngine"/> (E1–E6, docs/clinical-rules.md §6)
/// and raises what it returns through <see cref="AlertService"/> — one open alert per rule per
/// person, a stronger severity updating the open one — pausing the plan when an alert says so.
/// <para>
/// Reads are bounded by the engine's longest window, not by the length of the history: records
/// dated within <see cref="WindowDays"/> of the day evaluated, plus the first 7 days of usual-pain
/// records (the baseline) in a small query of their own. Sessions are read as one row per day (the
/// highest pain rated that day). Every record counts on its own date (check-in <c>Date</c>, session
/// <c>PerformedOn</c>), never on the day it was typed, so back-entered records land where they belong.
/// </para>
/// </summary>
public sealed class EscalationService(AppDb db, AlertService alerts, TimeProvider clock)
{
    /// <summary>
    /// How far back records are read: E3's 12 weeks plus a week, so its 7-day average, E6's 2 weeks
    /// and E2's run of 7 days (with the 7 days before its first day) all see every record they use.
    /// </summary>
    public const int WindowDays = (EscalationEngine.PersistingWeeks + 1) * 7;

    /// <summary>The person's today (UTC, as everywhere on the server).</summary>
    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>
    /// Evaluates E1–E6 for the person as of <paramref name="asOf"/> and raises what the engine
    /// returns. Returns the alerts raised or made stronger (as stored). Saves its changes; inside a
    /// transaction the caller began, they commit with the caller's.
    /// </summary>
    public async Task<IReadOnlyList<AlertRecord>> EvaluateAsync(string userId, DateOnly asOf, CancellationToken ct)
    {
        var (input, latestCheckIn) = await LoadInputAsync(userId, asOf, ct);
        var decided = EscalationEngine.Evaluate(input);
        if (decided.Count == 0)
        {
            return [];
        }

        // Raising is check-then-insert, so two evaluations of one person (a check-in and a session
        // batch at the same moment) take turns: PostgreSQL through a lock held until commit, SQLite
        // because its transactions are single-writer (BEGIN IMMEDIATE).
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            if (!db.Database.IsSqlite())
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({"escalation:" + userId}, 0))", ct);
            }

            var raised = new List<AlertRecord>();
            foreach (var alert in decided)
            {
                var severity = Vocab<AlertSeverity>.Name(alert.Severity);
                var (record, isNew) = await alerts.RaiseAsync(userId, alert.RuleId, severity, alert.Message, ct);
                if (isNew || record.Severity == severity)
                {
                    raised.Add(record);
                }

                if (alert.PausePlan)
                {
                    await PausePlanAsync(userId, alert, $"Paused because of a warning sign at your check-in on {alert.ReportedOn ?? latestCheckIn:yyyy-MM-dd} ({alert.RuleId}). {alert.Message}", ct);
                }
            }

            await db.SaveChangesAsync(ct);
            if (own is not null)
            {
                await own.CommitAsync(ct);
            }

            return raised;
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }
        }
    }

    private sealed record DayPain(DateOnly Day, int During, int? Before, int? After);

    /// <summary>What the engine needs about one person, read in a fixed number of bounded queries.</summary>
    internal async Task<(EscalationInput Input, DateOnly? LatestCheckIn)> LoadInputAsync(string userId, DateOnly asOf, CancellationToken ct)
    {
        var windowStart = asOf.AddDays(-WindowDays);
        var fromUtc = windowStart.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

        // The plan: its first day and the weekdays with something due. A paused plan asks nothing of
        // the person, so adherence (E3, E6) and the review (E4) wait until it is active again.
        var plan = await db.Plans.AsNoTracking().Where(p => p.UserId == userId && p.Status != PlanStatus.Replaced).OrderByDescending(p => p.Version)
            .Select(p => new { p.Status, p.CreatedAt, Days = p.Items.Where(i => !i.OnHold).Select(i => i.DaysJson).ToList() })
            .FirstOrDefaultAsync(ct);
        var active = plan is { Status: PlanStatus.Active };

        // Check-ins by their own date: the window, and the baseline (the first 7 days of records)
        // with its own small query when it lies before the window.
        var first = await db.CheckIns.AsNoTracking().Where(c => c.UserId == userId && c.Date <= asOf)
            .OrderBy(c => c.Date).Select(c => (DateOnly?)c.Date).FirstOrDefaultAsync(ct);
        var rows = new List<(DateOnly Date, int UsualPain, bool Settled, string RedFlagsJson)>();
        if (first is DateOnly f && f < windowStart)
        {
            var baselineEnd = f.AddDays(PainTrend.WindowDays - 1) < windowStart ? f.AddDays(PainTrend.WindowDays - 1) : windowStart.AddDays(-1);
            rows.AddRange((await db.CheckIns.AsNoTracking().Where(c => c.UserId == userId && c.Date >= f && c.Date <= baselineEnd)
                .Select(c => new { c.Date, c.UsualPain, c.SettledSinceLastSession, c.RedFlagsJson }).ToListAsync(ct))
                .Select(c => (c.Date, c.UsualPain, c.SettledSinceLastSession, c.RedFlagsJson)));
        }

        if (first is not null)
        {
            rows.AddRange((await db.CheckIns.AsNoTracking().Where(c => c.UserId == userId && c.Date >= windowStart && c.Date <= asOf)
                .Select(c => new { c.Date, c.UsualPain, c.SettledSinceLastSession, c.RedFlagsJson }).ToListAsync(ct))
                .Select(c => (c.Date, c.UsualPain, c.SettledSinceLastSession, c.RedFlagsJson)));
        }

        // Sessions as one row per day, by the day they were done: the highest pain rated that day,
        // before, during any exercise, or after.
        var days = await (
            from l in db.ExerciseLogs.AsNoTracking()
            where l.UserId == userId && l.PerformedOn >= windowStart && l.PerformedOn <= asOf
            join s in db.Sessions.AsNoTracking() on l.SessionId equals s.Id
            group new { l.PainDuring, s.PainBefore, s.PainAfter } by l.PerformedOn into g
            select new DayPain(g.Key, g.Max(x => x.PainDuring), g.Max(x => x.PainBefore), g.Max(x => x.PainAfter)))
            .ToListAsync(ct);

        // Alerts that can still suppress a rule: every unresolved one, and those raised or resolved
        // within the window (older ones are outside every rule's window).
        var past = await db.Alerts.AsNoTracking()
            .Where(a => a.UserId == userId && (a.Status != "resolved" || a.CreatedAt >= fromUtc || a.ResolvedAt >= fromUtc))
            .Select(a => new { a.RuleId, a.Severity, a.CreatedAt, a.Status, a.ResolvedAt })
            .ToListAsync(ct);

        // Intakes' pain ratings by the day they were answered (E5 counts them as ratings).
        var intakes = await db.Intakes.AsNoTracking().Where(i => i.UserId == userId && i.CreatedAt >= fromUtc && i.CreatedAt < asOf.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc))
            .Select(i => new { i.CreatedAt, i.PainNow }).ToListAsync(ct);

        var planStart = active ? DateOnly.FromDateTime(plan!.CreatedAt) : (DateOnly?)null;
        var input = new EscalationInput
        {
            AsOf = asOf,
            PlanStart = planStart,
            ScheduledDays = active ? plan!.Days.SelectMany(JsonTextCache.Read<List<DayOfWeek>>).ToHashSet() : new HashSet<DayOfWeek>(),
            CheckIns = [.. rows.Select(c => new PainCheckIn(c.Date, c.UsualPain, c.Settled, RedFlagsOf(c.RedFlagsJson)))],
            Sessions = [.. days.Select(d => new SessionPain(d.Day, Math.Max(d.During, Math.Max(d.Before ?? 0, d.After ?? 0))))],
            IntakeRatings = [.. intakes.Select(i => new IntakePain(DateOnly.FromDateTime(i.CreatedAt), i.PainNow))],
            Outcomes = await LoadOutcomesAsync(userId, windowStart, asOf, ct),
            Alerts = [.. past.Select(a => ToPast(a.RuleId, a.Severity, a.CreatedAt, a.Status, a.ResolvedAt, plan?.CreatedAt))],
        };
        return (input, rows.Count == 0 ? null : rows.Max(r => r.Date));
    }

    /// <summary>
    /// An alert as the engine reads it. A resolved alert counts from the day it was resolved: the
    /// clinician has dealt with what happened up to then, and an alert made stronger after it was
    /// first raised (E5 persisting) would otherwise look older than the rating it is about and be
    /// raised again at once. An open E1 alert from before the current plan counts as dealt with:
    /// that plan was made from a new screening after the pause, so a new warning sign must pause it again.
    /// </summary>
    private static PastAlert ToPast(string ruleId, string severity, DateTime createdAt, string status, DateTime? resolvedAt, DateTime? planCreatedAt)
    {
        var level = Vocab<AlertSeverity>.TryParse(severity, out var s) ? s : AlertSeverity.Info;
        var raisedOn = DateOnly.FromDateTime(createdAt);
        if (status == "resolved")
        {
            return new PastAlert(ruleId, level, resolvedAt is DateTime r ? DateOnly.FromDateTime(r) : raisedOn, Resolved: true);
        }

        var screenedSince = ruleId == "E1" && planCreatedAt is DateTime p && p > createdAt;
        return new PastAlert(ruleId, level, raisedOn, Resolved: screenedSince);
    }

    private static HashSet<RedFlag> RedFlagsOf(string json)
    {
        var flags = new HashSet<RedFlag>();
        if (json is not "[]")
        {
            foreach (var name in StoredJson.Read<List<string>>(json))
            {
                if (Vocab<RedFlag>.TryParse(name, out var flag))
                {
                    flags.Add(flag);
                }
            }
        }

        return flags;
    }

    /// <summary>Outcome results the engine reads (E3 compares the PSFS with its first result).</summary>
    public const int MaxOutcomes = 500;

    /// <summary>
    /// The person's built-in outcome results up to <paramref name="asOf"/>, by their own dates. E3
    /// needs the PSFS's first result, which can be older than the window, so results are not cut at
    /// <paramref name="from"/>: a person records a handful a quarter, and at most the newest
    /// <see cref="MaxOutcomes"/> are read.
    /// </summary>
    private async Task<IReadOnlyList<OutcomeResult>> LoadOutcomesAsync(string userId, DateOnly from, DateOnly asOf, CancellationToken ct)
    {
        _ = from;
        var rows = await db.Outcomes.AsNoTracking().Where(o => o.UserId == userId && o.Date <= asOf)
            .OrderByDescending(o => o.Date).ThenByDescending(o => o.CreatedAt).Take(MaxOutcomes).ToListAsync(ct);
        return StoredOutcomes.BuiltIn(rows);
    }

    /// <summary>
    /// Pauses the current plan, keeping the warning signs that paused it (what a clinician clears,
    /// E1R) with the check-in that reported them; a plan already paused keeps its reason and gains them.
    /// </summary>
    private async Task PausePlanAsync(string userId, EscalationAlert alert, string reason, CancellationToken ct)
    {
        var plan = await db.Plans.Where(p => p.UserId == userId && p.Status != PlanStatus.Replaced).OrderByDescending(p => p.Version).FirstOrDefaultAsync(ct);
        if (plan is null || alert.ReportedOn is not DateOnly day)
        {
            return;
        }

        var checkInId = await db.CheckIns.AsNoTracking().Where(c => c.UserId == userId && c.Date == day && c.RedFlagsJson != "[]")
            .OrderByDescending(c => c.CreatedAt).Select(c => c.Id).FirstOrDefaultAsync(ct);
        var findings = (alert.Findings ?? []).Where(f => f.Outcome >= ScreeningOutcome.SeeClinicianSoon)
            .Select(f => new PauseFinding(f.RuleId, f.Outcome, f.Message, checkInId, day));
        PlanPause.Pause(plan, findings, reason, clock.GetUtcNow().UtcDateTime);
    }
}
