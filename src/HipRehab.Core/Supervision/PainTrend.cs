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
/// alert itself; the dashboard only sorts, it does not escalate.
/// </summary>
public static class PainTrend
{
    /// <summary>The length of the baseline and the recent window, in days.</summary>
    public const int WindowDays = 7;

    /// <summary>How far above the baseline counts as worse (E2, MCID 2 points).</summary>
    public const decimal WorseBy = 2m;

    /// <summary>True when pain over the last <see cref="WindowDays"/> days ending on <paramref name="today"/> is worse than at the start.</summary>
    public static bool IsWorsening(IReadOnlyCollection<PainRecord> records, DateOnly today)
    {
        if (records.Count == 0)
        {
            return false;
        }

        var first = records.Min(r => r.Date);
        var baselineEnd = first.AddDays(WindowDays - 1);
        var recentStart = today.AddDays(-(WindowDays - 1));
        if (recentStart <= baselineEnd)
        {
            return false;
        }

        var baseline = records.Where(r => r.Date <= baselineEnd).ToList();
        var recent = records.Where(r => r.Date >= recentStart && r.Date <= today).ToList();
        return baseline.Count > 0 && recent.Count > 0
            && (decimal)recent.Average(r => r.Pain) - (decimal)baseline.Average(r => r.Pain) >= WorseBy;
    }
}
