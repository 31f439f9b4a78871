using HipRehab.Core.Assessment;
using HipRehab.Core.Outcomes;

namespace HipRehab.Core.Lifestyle;

/// <summary>Minutes of moderate activity (walking and the like) as a client sends them.</summary>
public sealed record ActivityForm
{
    public DateOnly? Date { get; init; }
    public int? Minutes { get; init; }
}

/// <summary>Minutes of moderate activity on a day.</summary>
/// <param name="Date">The day.</param>
/// <param name="Minutes">Minutes, 1–1440.</param>
public sealed record ActivityRecord(DateOnly Date, int Minutes);

/// <summary>A week of activity against the 150-minute aim (L3).</summary>
/// <param name="From">First day of the 7-day window.</param>
/// <param name="To">Last day, inclusive.</param>
/// <param name="Minutes">Minutes recorded in the window.</param>
/// <param name="Target">The weekly aim.</param>
/// <param name="Met">True at or above the aim.</param>
/// <param name="Text">Plain, encouraging words.</param>
/// <param name="RuleIds">The rules behind it.</param>
public sealed record ActivityWeek(DateOnly From, DateOnly To, int Minutes, int Target, bool Met, string Text, IReadOnlyList<string> RuleIds);

/// <summary>Weekly activity minutes against 150 (L3), counted by each record's own date.</summary>
public static class Activity
{
    /// <summary>Minutes of moderate activity to aim for each week (L3).</summary>
    public const int WeeklyTargetMinutes = 150;

    /// <summary>Days in the weekly window.</summary>
    public const int WindowDays = 7;

    /// <summary>Checks an activity entry: a date (not future, at most a year back) and 1–1440 minutes.</summary>
    public static Validated<ActivityRecord> Validate(ActivityForm? form, DateOnly today)
    {
        var errors = new FieldErrors();
        void Add(string field, string message) => errors.Add(field, message);

        if (form is null)
        {
            Add("body", "An activity entry is required.");
        }
        else
        {
            OutcomeValidator.CheckDate(form.Date, today, Add);
            if (form.Minutes is not int m || m < 1 || m > 24 * 60)
            {
                Add("minutes", "Give the minutes, from 1 to 1440.");
            }
        }

        var result = errors.ToDictionary();
        return errors.Count > 0 || form is null
            ? new Validated<ActivityRecord>(null, result)
            : new Validated<ActivityRecord>(new ActivityRecord(form.Date!.Value, form.Minutes!.Value), result);
    }

    /// <summary>The 7 days ending on <paramref name="lastDay"/> (inclusive).</summary>
    public static ActivityWeek Week(IEnumerable<ActivityRecord> records, DateOnly lastDay)
    {
        var from = lastDay.AddDays(-(WindowDays - 1));
        var minutes = records.Where(r => r.Date >= from && r.Date <= lastDay).Sum(r => r.Minutes);
        var met = minutes >= WeeklyTargetMinutes;
        var text = met
            ? $"You did {minutes} minutes of activity in the last 7 days, at or above the aim of {WeeklyTargetMinutes}. Great work."
            : minutes == 0
                ? $"The aim is {WeeklyTargetMinutes} minutes a week of activity such as walking. Short walks count, and 10 minutes is a fine start."
                : $"You did {minutes} minutes of activity in the last 7 days. The aim is {WeeklyTargetMinutes}; {WeeklyTargetMinutes - minutes} more would get you there, and short walks all count.";
        return new ActivityWeek(from, lastDay, minutes, WeeklyTargetMinutes, met, text, ["L3"]);
    }
}
