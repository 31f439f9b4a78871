namespace HipRehab.Core.Supervision;

/// <summary>How much of the plan was done in a window: days that had something due, and how many of those had a session.</summary>
/// <param name="WindowDays">The window's length in days, ending on the given day.</param>
/// <param name="Planned">Days in the window with at least one exercise due.</param>
/// <param name="Completed">Of those, days with a logged session.</param>
public sealed record AdherenceFigure(int WindowDays, int Planned, int Completed)
{
    /// <summary>Whole percent of planned days done; null when nothing was planned (no verdict without a plan).</summary>
    public int? Percent => Planned == 0 ? null : (int)Math.Round(100m * Completed / Planned, MidpointRounding.AwayFromZero);
}

/// <summary>
/// Adherence counts days, not exercises: a day on which the plan had something due counts as done
/// when a session was logged on it. That keeps it honest but forgiving — a short session still counts.
/// </summary>
public static class Adherence
{
    /// <summary>The window E6 looks at: 2 weeks.</summary>
    public const int LowAdherenceWindowDays = 14;

    /// <summary>Below this percent over the window, adherence is low (E6).</summary>
    public const int LowAdherencePercent = 50;

    /// <summary>Computes adherence for the <paramref name="windowDays"/> days ending on <paramref name="lastDay"/> (inclusive).</summary>
    /// <param name="scheduledDays">The weekdays on which the plan has something due.</param>
    /// <param name="planStart">The first day of the plan; days before it are not counted as planned.</param>
    /// <param name="sessionDays">Days with a logged session.</param>
    /// <param name="lastDay">The last day of the window.</param>
    /// <param name="windowDays">The window length.</param>
    public static AdherenceFigure Compute(IReadOnlySet<DayOfWeek> scheduledDays, DateOnly planStart, IReadOnlySet<DateOnly> sessionDays,
        DateOnly lastDay, int windowDays)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(windowDays, 1);
        var planned = 0;
        var completed = 0;
        for (var day = lastDay.AddDays(-(windowDays - 1)); day <= lastDay; day = day.AddDays(1))
        {
            if (day < planStart || !scheduledDays.Contains(day.DayOfWeek))
            {
                continue;
            }

            planned++;
            if (sessionDays.Contains(day))
            {
                completed++;
            }
        }

        return new AdherenceFigure(windowDays, planned, completed);
    }

    /// <summary>True when at least a full window of plan days has passed and under half were done (E6).</summary>
    public static bool IsLow(AdherenceFigure figure, DateOnly planStart, DateOnly lastDay) =>
        lastDay.DayNumber - planStart.DayNumber + 1 >= LowAdherenceWindowDays
        && figure.Percent is int p && p < LowAdherencePercent;
}
