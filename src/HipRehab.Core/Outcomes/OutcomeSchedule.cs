using System.Text.Json.Serialization;

namespace HipRehab.Core.Outcomes;

/// <summary>Whether a measure is simply due, or offered for when a helper is there (OM6, OM7).</summary>
public enum DueKind
{
    [JsonStringEnumMemberName("due")] Due,
    [JsonStringEnumMemberName("when-helper-present")] WhenHelperPresent,
}

/// <summary>A measure to take now.</summary>
/// <param name="Instrument">The instrument.</param>
/// <param name="Week">The time point it belongs to: 0 (the start), 6, 12, 24, …</param>
/// <param name="DueDate">The plan start plus that many weeks.</param>
/// <param name="Kind">Due, or only when a helper is present.</param>
/// <param name="RuleIds">The rules behind it.</param>
public sealed record DueMeasure(Instrument Instrument, int Week, DateOnly DueDate, DueKind Kind, IReadOnlyList<string> RuleIds);

/// <summary>
/// Which outcome measures are due on a date (OS1, from the §5 schedule): at the start, week 6,
/// week 12, then every 12 weeks. A time point stays open until it is done or the next one arrives;
/// a missed time point is not carried forward, because an old result would not describe today.
/// </summary>
public static class OutcomeSchedule
{
    /// <summary>The first review after the start.</summary>
    public const int FirstReviewWeek = 6;

    /// <summary>The second review; from here on, every <see cref="RepeatEveryWeeks"/> weeks.</summary>
    public const int SecondReviewWeek = 12;

    /// <summary>The gap between later reviews.</summary>
    public const int RepeatEveryWeeks = 12;

    /// <summary>A result this many days before a due date still counts for it (OS1).</summary>
    public const int EarlyDays = 7;

    /// <summary>Measured at every time point.</summary>
    public static IReadOnlyList<Instrument> Scheduled { get; } = [Instrument.Psfs, Instrument.Sane, Instrument.ChairStand30s];

    /// <summary>Offered at every time point, only with a helper or clinician present.</summary>
    public static IReadOnlyList<Instrument> WithHelper { get; } = [Instrument.Tug, Instrument.FastWalk40m];

    /// <summary>The latest time point (in weeks) on or before <paramref name="date"/>; null before the plan starts.</summary>
    public static int? CurrentWeek(DateOnly planStart, DateOnly date)
    {
        var days = date.DayNumber - planStart.DayNumber;
        if (days < 0)
        {
            return null;
        }

        var weeks = days / 7;
        return weeks < FirstReviewWeek ? 0
            : weeks < SecondReviewWeek ? FirstReviewWeek
            : weeks / RepeatEveryWeeks * RepeatEveryWeeks;
    }

    /// <summary>The measures due on <paramref name="date"/> for a plan that started on <paramref name="planStart"/>.</summary>
    /// <param name="planStart">The first day of the plan.</param>
    /// <param name="date">The day asked about (the person's today).</param>
    /// <param name="history">Every result the person has, in any order; back-entered ones count on their own date.</param>
    public static IReadOnlyList<DueMeasure> Due(DateOnly planStart, DateOnly date, IEnumerable<OutcomeResult> history)
    {
        if (CurrentWeek(planStart, date) is not int week)
        {
            return [];
        }

        var dueDate = planStart.AddDays(week * 7);
        // At the start any earlier result is the baseline; later, only one taken close to the due date counts.
        var countsFrom = week == 0 ? DateOnly.MinValue : dueDate.AddDays(-EarlyDays);
        var done = history.Where(r => r.Date >= countsFrom && r.Date <= date).Select(r => r.Instrument).ToHashSet();

        var due = new List<DueMeasure>();
        foreach (var instrument in Scheduled.Concat(week == 0 ? [] : [Instrument.Pgic]))
        {
            if (!done.Contains(instrument))
            {
                due.Add(new DueMeasure(instrument, week, dueDate, DueKind.Due, ["OS1", InstrumentCatalogue.Get(instrument).RuleId]));
            }
        }

        foreach (var instrument in WithHelper.Where(i => !done.Contains(i)))
        {
            due.Add(new DueMeasure(instrument, week, dueDate, DueKind.WhenHelperPresent, ["OS1", InstrumentCatalogue.Get(instrument).RuleId]));
        }

        return due;
    }
}
