using HipRehab.Core.Escalation;

namespace HipRehab.Core.Supervision;

/// <summary>One usual-pain rating on its own date (a back-entered record counts on its date).</summary>
/// <param name="Date">The day the rating is about.</param>
/// <param name="Pain">Usual pain, 0–10.</param>
public sealed record PainRecord(DateOnly Date, int Pain);

/// <summary>
/// The dashboard's "worsening pain" signal, after E2: the average of the last 7 days is at least
/// 2 points (the minimal clinically important difference) above the baseline, the average of the
/// first 7 days of records. It needs both windows to hold a rating and not to overlap, so a new
/// person is never flagged on their first bad day. E2's "stays there for 7 days" is left to the
/// alert itself (<see cref="EscalationEngine"/>); the dashboard only sorts, it does not escalate.
/// The averages are the escalation engine's own (<see cref="Escalation.PainTrend"/>), so the two
/// never disagree about a person's numbers.
/// </summary>
public static class PainTrend
{
    /// <summary>True when pain over the last 7 days ending on <paramref name="today"/> is worse than at the start.</summary>
    public static bool IsWorsening(IReadOnlyCollection<PainRecord> records, DateOnly today)
    {
        var trend = new Escalation.PainTrend(records.Select(r => (r.Date, r.Pain)), today);
        var recentStart = today.AddDays(-(Escalation.PainTrend.WindowDays - 1));
        return trend.BaselineEnd is DateOnly baselineEnd && recentStart > baselineEnd
            && trend.Baseline is PainAverage baseline
            && trend.SevenDayAverage(today) is PainAverage recent
            && recent.AtLeastAbove(baseline, EscalationEngine.WorseningPoints);
    }
}
