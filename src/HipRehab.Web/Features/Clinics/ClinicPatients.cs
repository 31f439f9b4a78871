using HipRehab.Core.Supervision;
using HipRehab.Web.Data;
using HipRehab.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using HipRehab.Web.Features.Shared;
using HipRehab.Web.Features.Progress;

namespace HipRehab.Web.Features.Clinics;

/// <summary>
/// Reads what the dashboard needs about a clinic's linked patients in a fixed number of queries
/// (not one per patient), each scoped by the ids of the clinic's active links.
/// </summary>
public sealed class ClinicPatients(AppDb db, ClinicAccess access, TimeProvider clock)
{
    public sealed record Linked(string PatientId, string? Email, DateTime LinkedAt);

    public sealed record Signals(Linked Patient, IReadOnlyList<NeedReason> Reasons, int OpenAlerts, string? PlanStatus,
        AdherenceFigure? Adherence, DateTime? LastSessionAt);

    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>The clinic's patients, most in need first (<see cref="NeedRanking"/>); only <paramref name="patientId"/> when given.</summary>
    public async Task<IReadOnlyList<Signals>> RankAsync(Guid clinicId, string? patientId, CancellationToken ct)
    {
        var links = db.ClinicLinks.AsNoTracking().Where(l => l.ClinicId == clinicId && l.EndedAt == null);
        if (patientId is not null)
        {
            links = links.Where(l => l.UserId == patientId);
        }

        var patients = await links
            .Select(l => new Linked(l.UserId, db.Users.Where(u => u.Id == l.UserId).Select(u => u.Email).FirstOrDefault(), l.CreatedAt))
            .ToListAsync(ct);
        if (patients.Count == 0)
        {
            return [];
        }

        var ids = patients.Select(p => p.PatientId).ToList();
        var today = Today;
        var windowStart = today.AddDays(-(Adherence.LowAdherenceWindowDays - 1)).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

        var alerts = (await db.Alerts.AsNoTracking().Where(a => ids.Contains(a.UserId) && a.Status != "resolved")
            .Select(a => new { a.UserId, a.Severity, a.CreatedAt }).ToListAsync(ct)).ToLookup(a => a.UserId);
        var latestIntakes = (await db.Intakes.AsNoTracking().Where(i => ids.Contains(i.UserId))
            .Select(i => new { i.Id, i.UserId, i.CreatedAt, i.ScreeningOutcome, i.FindingsJson }).ToListAsync(ct))
            .GroupBy(i => i.UserId).ToDictionary(g => g.Key, g => g.MaxBy(i => i.CreatedAt)!);
        var clearedRules = (await db.Clearances.AsNoTracking().Where(c => ids.Contains(c.PatientId))
            .Select(c => new { c.PatientId, c.IntakeId, c.RuleId }).ToListAsync(ct)).ToLookup(c => (c.PatientId, c.IntakeId), c => c.RuleId);
        // Awaiting clearance: the latest screening still blocks once the clearances given for it count.
        var intakes = latestIntakes.ToDictionary(kv => kv.Key, kv => kv.Value.ScreeningOutcome == "see-clinician-soon"
            && new Core.Assessment.ScreeningResult(Core.Assessment.ScreeningOutcome.SeeClinicianSoon, StoredJson.Read<List<Core.Assessment.Finding>>(kv.Value.FindingsJson))
                .OutcomeAfter(clearedRules[(kv.Key, kv.Value.Id)].ToHashSet()) != Core.Assessment.ScreeningOutcome.SeeClinicianSoon
            ? "cleared" : kv.Value.ScreeningOutcome);
        var plans = (await db.Plans.AsNoTracking().Where(p => ids.Contains(p.UserId) && p.Status != PlanStatus.Replaced)
            .Select(p => new { p.Id, p.UserId, p.Version, p.Status, p.CreatedAt }).ToListAsync(ct))
            .GroupBy(p => p.UserId).ToDictionary(g => g.Key, g => g.MaxBy(p => p.Version)!);
        var planIds = plans.Values.Select(p => p.Id).ToList();
        var itemDays = (await db.PlanItems.AsNoTracking().Where(i => planIds.Contains(i.PlanId)).Select(i => new { i.PlanId, i.DaysJson }).ToListAsync(ct))
            .ToLookup(i => i.PlanId, i => i.DaysJson);
        var sessions = (await db.Sessions.AsNoTracking().Where(s => ids.Contains(s.UserId) && s.PerformedAt >= windowStart)
            .Select(s => new { s.UserId, s.PerformedAt }).ToListAsync(ct)).ToLookup(s => s.UserId);
        var lastSessions = (await db.Sessions.AsNoTracking().Where(s => ids.Contains(s.UserId)).GroupBy(s => s.UserId)
            .Select(g => new { UserId = g.Key, Last = g.Max(s => s.PerformedAt) }).ToListAsync(ct)).ToDictionary(x => x.UserId, x => x.Last);
        var pain = (await db.CheckIns.AsNoTracking().Where(c => ids.Contains(c.UserId))
            .Select(c => new { c.UserId, c.Date, c.UsualPain }).ToListAsync(ct)).ToLookup(c => c.UserId, c => new PainRecord(c.Date, c.UsualPain));

        var byId = new Dictionary<string, (Linked Patient, int OpenAlerts, string? PlanStatus, AdherenceFigure? Adherence, DateTime? Last)>();
        var signals = new List<PatientSignals>();
        foreach (var p in patients)
        {
            AdherenceFigure? figure = null;
            int? adherenceForRanking = null;
            if (plans.TryGetValue(p.PatientId, out var plan) && plan.Status == PlanStatus.Active)
            {
                var days = itemDays[plan.Id].SelectMany(JsonTextCache.Read<List<DayOfWeek>>).ToHashSet();
                var planStart = DateOnly.FromDateTime(plan.CreatedAt);
                var done = sessions[p.PatientId].Select(s => DateOnly.FromDateTime(s.PerformedAt)).ToHashSet();
                figure = Adherence.Compute(days, planStart, done, today, Adherence.LowAdherenceWindowDays);
                // E6 speaks only after two full weeks of plan: earlier, a low figure is not yet a pattern.
                adherenceForRanking = figure.Percent is int pc && (pc >= Adherence.LowAdherencePercent || Adherence.IsLow(figure, planStart, today)) ? pc : null;
            }

            var open = alerts[p.PatientId].ToList();
            intakes.TryGetValue(p.PatientId, out var screening);
            signals.Add(new PatientSignals(p.PatientId, [.. open.Select(a => a.Severity)], PainTrend.IsWorsening([.. pain[p.PatientId]], today),
                screening == "see-clinician-soon", adherenceForRanking, open.Count == 0 ? null : open.Min(a => a.CreatedAt)));
            byId[p.PatientId] = (p, open.Count, plan?.Status, figure, lastSessions.TryGetValue(p.PatientId, out var last) ? last : null);
        }

        return [.. NeedRanking.Rank(signals).Select(r =>
        {
            var x = byId[r.PatientId];
            return new Signals(x.Patient, r.Reasons, x.OpenAlerts, x.PlanStatus, x.Adherence, x.Last);
        })];
    }

    public static PatientRow ToRow(Signals s) => new(s.Patient.PatientId, s.Patient.Email, s.Patient.LinkedAt, s.Reasons, NeedWords.Of(s.Reasons[0]),
        s.OpenAlerts, s.PlanStatus, AdherenceResponse.From(s.Adherence), s.LastSessionAt);

    /// <summary>The alerts of the clinic's linked patients, scoped in the query itself.</summary>
    public IQueryable<AlertRecord> Alerts(Guid clinicId) => db.Alerts.Where(a => access.LinkedPatientIds(clinicId).Contains(a.UserId));
}
