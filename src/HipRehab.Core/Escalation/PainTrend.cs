using System.Globalization;

namespace HipRehab.Core.Escalation;

/// <summary>
/// An average of pain ratings kept as a sum and a count, so that comparisons with thresholds are
/// exact (a 7-day average is a fraction such as 20/7, which a decimal can only approximate).
/// </summary>
/// <param name="Sum">The sum of the ratings.</param>
/// <param name="Count">How many ratings; at least 1.</param>
public readonly record struct PainAverage(int Sum, int Count)
{
    /// <summary>The average to one decimal place, for display only; decisions use the exact comparisons.</summary>
    public decimal Rounded => Math.Round((decimal)Sum / Count, 1, MidpointRounding.AwayFromZero);

    /// <summary>True when this average is at least <paramref name="other"/> plus <paramref name="points"/>.</summary>
    public bool AtLeastAbove(PainAverage other, int points) =>
        (long)Sum * other.Count >= ((long)other.Sum + (long)points * other.Count) * Count;

    /// <inheritdoc />
    public override string ToString() => Rounded.ToString("0.0", CultureInfo.InvariantCulture);
}

/// <summary>
/// Usual-pain trends over dated records (check-ins). Every record counts on its own date, so a
/// back-entered record changes the averages of the days it belongs to, not of the day it was typed.
/// </summary>
public sealed class PainTrend
{
    /// <summary>Days in the baseline and in each rolling average (E2).</summary>
    public const int WindowDays = 7;

    private readonly SortedDictionary<DateOnly, (int Sum, int Count)> _byDay = [];

    // Running totals from the first record's day to AsOf, so any window's average costs O(1).
    private readonly long[] _sums = [];
    private readonly int[] _counts = [];

    /// <summary>Builds a trend from ratings; records after <paramref name="asOf"/> are left out.</summary>
    public PainTrend(IEnumerable<(DateOnly Date, int Pain)> records, DateOnly asOf)
    {
        foreach (var (date, pain) in records)
        {
            if (date > asOf)
            {
                continue;
            }

            _byDay[date] = _byDay.TryGetValue(date, out var d) ? (d.Sum + pain, d.Count + 1) : (pain, 1);
        }

        AsOf = asOf;
        First = _byDay.Count > 0 ? _byDay.Keys.First() : null;
        if (First is DateOnly first)
        {
            var days = asOf.DayNumber - first.DayNumber + 1;
            _sums = new long[days + 1];
            _counts = new int[days + 1];
            for (var i = 0; i < days; i++)
            {
                var (sum, count) = _byDay.TryGetValue(first.AddDays(i), out var d) ? d : (0, 0);
                _sums[i + 1] = _sums[i] + sum;
                _counts[i + 1] = _counts[i] + count;
            }
        }
    }

    /// <summary>The day evaluated.</summary>
    public DateOnly AsOf { get; }

    /// <summary>The date of the first record, which starts the baseline.</summary>
    public DateOnly? First { get; }

    /// <summary>The last day of the baseline period (the first record's day plus 6).</summary>
    public DateOnly? BaselineEnd => First?.AddDays(WindowDays - 1);

    /// <summary>Days on which there is at least one record.</summary>
    public IEnumerable<DateOnly> RecordDays => _byDay.Keys;

    /// <summary>
    /// The baseline (E2): the average of every record in the first 7 days of records. Null until
    /// those 7 days have passed, so a baseline never changes once it is used.
    /// </summary>
    public PainAverage? Baseline => First is DateOnly f && AsOf > BaselineEnd ? Average(f, BaselineEnd!.Value) : null;

    /// <summary>The average of the records in the 7 days ending on <paramref name="day"/>; null when there are none.</summary>
    public PainAverage? SevenDayAverage(DateOnly day) => Average(day.AddDays(-(WindowDays - 1)), day);

    /// <summary>The average of the records from <paramref name="from"/> to <paramref name="to"/>, both inclusive.</summary>
    public PainAverage? Average(DateOnly from, DateOnly to)
    {
        if (First is not DateOnly first)
        {
            return null;
        }

        var lo = Math.Max(0, from.DayNumber - first.DayNumber);
        var hi = Math.Min(_counts.Length - 2, to.DayNumber - first.DayNumber);
        if (hi < lo)
        {
            return null;
        }

        var count = _counts[hi + 1] - _counts[lo];
        return count == 0 ? null : new PainAverage((int)(_sums[hi + 1] - _sums[lo]), count);
    }
}
