using HipRehab.Core;
using HipRehab.Core.Escalation;
using HipRehab.Core.Lifestyle;
using HipRehab.Core.Outcomes;
using HipRehab.Core.Supervision;
using HipRehab.Web.Data;
using HipRehab.Web.Features.Alerts;
using HipRehab.Web.Features.Lifestyle;
using HipRehab.Web.Features.Outcomes;
using HipRehab.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using PainTrend = HipRehab.Core.Escalation.PainTrend;
using HipRehab.Web.Features.Shared;

namespace HipRehab.Web.Features.Progress;

/// <summary>
/// A person's progress: pain, adherence, outcomes, weight, activity, alerts and the measures due.
/// Every figure comes from Core (<see cref="PainTrend"/>, <see cref="Adherence"/>, <see cref="OutcomeScoring"/>,
/// <see cref="Body"/>, <see cref="Activity"/>, <see cref="OutcomeSchedule"/>); this service only loads
/// the person's own rows and hands them over. Shared by the API and the progress page.
/// </summary>
public sealed class ProgressService(AppDb db, OutcomeService outcomes, LifestyleService lifestyle, TimeProvider clock)
{
    /// <summary>The adherence window: the same 2 weeks the clinic dashboard shows (E6).</summary>
    public const int AdherenceWindowDays = Adherence.LowAdherenceWindowDays;

    /// <summary>The pain series covers at most this many days back from today.</summary>
    public const int PainSeriesDays = 365;

    /// <summary>How many 7-day activity windows the series shows.</summary>
    public const int ActivityWeeks = 12;

    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public async Task<ProgressResponse> ForAsync(string userId, DateOnly today, CancellationToken ct)
    {
        var (baselinePain, currentPain, painChange, pain) = await PainAsync(userId, today, ct);
        var adherence = await AdherenceAsync(userId, today, ct);

        var history = await outcomes.HistoryAsync(userId, null, ct);
        var interpreter = outcomes.Interpreter(history, await outcomes.FactsAsync(userId, ct));
        var outcomeProgress = OutcomeSeries(history, interpreter);

        var baseline = await lifestyle.BaselineAsync(userId, ct);
        var weights = await lifestyle.WeightsAsync(userId, ct);
        var summary = Body.Summarise(baseline.HeightCm, baseline.BaselineWeightKg, weights);
        var weight = new WeightProgress(baseline.BaselineWeightKg, baseline.HeightCm, summary, [.. weights.Select(w => new WeightPoint(w.Date, w.WeightKg))]);

        var firstWindowEnd = today.AddDays(-Activity.WindowDays * (ActivityWeeks - 1));
        var activities = await lifestyle.ActivitiesAsync(userId, firstWindowEnd.AddDays(-(Activity.WindowDays - 1)), ct);
        var weeks = Enumerable.Range(0, ActivityWeeks).Select(i => Activity.Week(activities, firstWindowEnd.AddDays(Activity.WindowDays * i))).ToList();

        var alerts = await db.Alerts.AsNoTracking().Where(a => a.UserId == userId && a.Status != "resolved")
            .OrderByDescending(a => a.CreatedAt).Take(50).ToListAsync(ct);

        var planStart = await OutcomeService.PlanStartAsync(db, userId, ct);
        var due = planStart is DateOnly start ? OutcomeService.Due(start, today, StoredOutcomes.BuiltIn(history)).Due : [];

        return new ProgressResponse(today, baselinePain, currentPain, painChange, adherence, outcomeProgress, summary?.Bmi, summary?.WeightChangePercent,
            [.. alerts.Select(AlertResponse.From)], pain, weight, new ActivityProgress(weeks[^1], weeks), planStart, due);
    }

    private async Task<(decimal? Baseline, decimal? Current, decimal? Change, PainProgress Pain)> PainAsync(string userId, DateOnly today, CancellationToken ct)
    {
        var records = await db.CheckIns.AsNoTracking().Where(c => c.UserId == userId && c.Date <= today)
            .Select(c => new { c.Date, c.UsualPain }).ToListAsync(ct);
        var trend = new PainTrend(records.Select(r => (r.Date, r.UsualPain)), today);
        if (trend.First is not DateOnly first)
        {
            return (null, null, null, new PainProgress(null, null, false, [], null, null,
                "Your pain trend starts with your first morning check-in.", ["OM1"]));
        }

        var baselineEnd = trend.BaselineEnd!.Value;
        var baseline = trend.Average(first, baselineEnd);
        var current = trend.SevenDayAverage(today);
        var byDay = records.GroupBy(r => r.Date).ToDictionary(g => g.Key, g => (Sum: g.Sum(r => r.UsualPain), Count: g.Count()));
        var from = first > today.AddDays(-(PainSeriesDays - 1)) ? first : today.AddDays(-(PainSeriesDays - 1));
        var days = new List<PainDay>();
        for (var day = from; day <= today; day = day.AddDays(1))
        {
            var has = byDay.TryGetValue(day, out var d);
            days.Add(new PainDay(day, has ? new PainAverage(d.Sum, d.Count).Rounded : null, has ? d.Count : 0, trend.SevenDayAverage(day)?.Rounded));
        }

        // A change is reported once the last 7 days no longer overlap the first 7 (as the clinic dashboard does),
        // so the first days never read as "no change".
        decimal? change = null;
        ChangeDirection? direction = null;
        bool? meaningful = null;
        string text;
        if (baseline is PainAverage b && current is PainAverage c && today.AddDays(-(PainTrend.WindowDays - 1)) > baselineEnd)
        {
            change = Math.Round((decimal)c.Sum / c.Count - (decimal)b.Sum / b.Count, 1, MidpointRounding.AwayFromZero);
            var points = (int)OutcomeScoring.NprsMeaningfulPoints;
            // Exact comparisons on sums and counts (a 7-day average such as 20/7 has no exact decimal).
            var better = (long)c.Sum * b.Count < (long)b.Sum * c.Count;
            var worse = (long)c.Sum * b.Count > (long)b.Sum * c.Count;
            direction = better ? ChangeDirection.Better : worse ? ChangeDirection.Worse : ChangeDirection.Same;
            meaningful = worse ? c.AtLeastAbove(b, points)
                : better && (b.AtLeastAbove(c, points)
                    || ((long)b.Sum * c.Count - (long)c.Sum * b.Count) * 100 >= (long)OutcomeScoring.NprsMeaningfulImprovementPercent * b.Sum * c.Count);
            text = $"Your usual pain over the last 7 days averages {c} out of 10, against {b} in your first week. "
                + (direction, meaningful) switch
                {
                    (ChangeDirection.Better, true) => "That is a change for the better that matters. Well done.",
                    (ChangeDirection.Better, _) => "That is a little better. Changes often take a few weeks; keep going.",
                    (ChangeDirection.Worse, true) => "That is higher, by enough to matter. Please talk it over with a physical therapist or doctor.",
                    (ChangeDirection.Worse, _) => "That is a little higher. Pain can go up and down from week to week.",
                    _ => "That is about the same as when you started.",
                };
        }
        else
        {
            text = current is PainAverage now
                ? $"Your usual pain over the last 7 days averages {now} out of 10. After two weeks of check-ins we can compare it with your first week."
                : "There are no check-ins in the last 7 days. A morning check-in keeps your pain trend up to date.";
        }

        return (baseline?.Rounded, current?.Rounded, change,
            new PainProgress(first, baselineEnd, trend.Baseline is not null, days, direction, meaningful, text, ["OM1", "E2"]));
    }

    private async Task<AdherenceResponse?> AdherenceAsync(string userId, DateOnly today, CancellationToken ct)
    {
        var plan = await db.Plans.AsNoTracking().Where(p => p.UserId == userId && p.Status != PlanStatus.Replaced).OrderByDescending(p => p.Version)
            .Select(p => new { p.Id, p.Status, p.CreatedAt }).FirstOrDefaultAsync(ct);
        if (plan is not { Status: PlanStatus.Active })
        {
            return null;
        }

        var itemDays = await db.PlanItems.AsNoTracking().Where(i => i.PlanId == plan.Id && i.UserId == userId && !i.OnHold).Select(i => i.DaysJson).ToListAsync(ct);
        var scheduled = itemDays.SelectMany(JsonTextCache.Read<List<DayOfWeek>>).ToHashSet();
        var windowStart = today.AddDays(-(AdherenceWindowDays - 1)).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var windowEnd = today.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var done = (await db.Sessions.AsNoTracking().Where(s => s.UserId == userId && s.PerformedAt >= windowStart && s.PerformedAt < windowEnd)
            .Select(s => s.PerformedAt).ToListAsync(ct)).Select(DateOnly.FromDateTime).ToHashSet();
        return AdherenceResponse.From(Adherence.Compute(scheduled, DateOnly.FromDateTime(plan.CreatedAt), done, today, AdherenceWindowDays));
    }

    private static List<OutcomeProgress> OutcomeSeries(IReadOnlyList<OutcomeRecord> history, OutcomeInterpreter interpreter)
    {
        var order = InstrumentCatalogue.All.Select(i => Vocab<Instrument>.Name(i.Instrument)).ToList();
        var list = new List<OutcomeProgress>();
        foreach (var group in history.GroupBy(r => r.Instrument, StringComparer.Ordinal)
            .OrderBy(g => order.IndexOf(g.Key) is var i && i >= 0 ? i : order.Count).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            var points = group.OrderBy(r => r.Date).ThenBy(r => r.CreatedAt)
                .Select(r => (Record: r, Interpretation: interpreter.Interpret(r)))
                .Select(x => (x.Record, x.Interpretation, Point: new OutcomePoint(x.Record.Id, x.Record.Date, x.Record.Score, x.Interpretation.Change, x.Interpretation.Meaningful)))
                .ToList();
            var baseline = interpreter.BaselineOf(group.Key)!;
            var latest = points[^1];
            var (name, direction) = interpreter.Describe(group.Key);
            list.Add(new OutcomeProgress(group.Key, name, direction, points.Single(p => p.Record.Id == baseline.Id).Point, latest.Point,
                latest.Interpretation, [.. points.Select(p => p.Point)]));
        }

        return list;
    }
}
