namespace HipRehab.Core.Lifestyle;

/// <summary>One piece of guidance for Today, with the rules it rests on.</summary>
/// <param name="Id">Stable id, so a page can style or hide it.</param>
/// <param name="RuleIds">The rules behind it.</param>
/// <param name="Text">Plain words.</param>
public sealed record Guidance(string Id, IReadOnlyList<string> RuleIds, string Text);

/// <summary>
/// Rest and activity guidance (D1, L3, L4), kept as data so a clinician can read and change the
/// wording in one place, and chosen for a day from the plan's strength days and the sessions done.
/// </summary>
public static class RestGuidance
{
    /// <summary>Hours between strength sessions for the same muscles (D1, L3). With dates only, a session yesterday is too recent.</summary>
    public const int StrengthRestHours = 48;

    /// <summary>A day without strength work in the plan.</summary>
    public static Guidance RestDay { get; } = new("rest-day", ["D1", "L3"],
        "Today is a rest day for strength work. Rest helps your muscles get stronger. Your stretches and a walk are still good for you today.");

    /// <summary>Strength work was done yesterday.</summary>
    public static Guidance StrengthYesterday { get; } = new("strength-yesterday", ["D1", "L3"],
        $"You did strength exercises yesterday. Give the same muscles about {StrengthRestHours} hours before working them hard again; stretching and walking are fine.");

    /// <summary>A strength day.</summary>
    public static Guidance StrengthDay { get; } = new("strength-day", ["D1"],
        "Today is a strength day. Take it steady, and rest for a minute or two between sets.");

    /// <summary>Stretching is fine every day.</summary>
    public static Guidance StretchDaily { get; } = new("stretch-daily", ["D4", "L3"],
        "Stretching can be done every day. Stretch to a gentle pull, never to pain.");

    /// <summary>The weekly activity aim.</summary>
    public static Guidance WeeklyActivity { get; } = new("weekly-activity", ["L3"],
        $"Aim for about {Activity.WeeklyTargetMinutes} minutes a week of activity such as walking, spread over the week.");

    /// <summary>Pacing and aids.</summary>
    public static Guidance Pacing { get; } = new("pacing", ["L4"],
        "Spread harder tasks through the day and take short breaks. A walking stick or other aid can make daily tasks easier; a therapist can help you choose one.");

    /// <summary>Every guidance entry.</summary>
    public static IReadOnlyList<Guidance> All { get; } = [RestDay, StrengthYesterday, StrengthDay, StretchDaily, WeeklyActivity, Pacing];

    /// <summary>The guidance for <paramref name="date"/>.</summary>
    /// <param name="date">The day.</param>
    /// <param name="strengthDays">Weekdays with strength exercises in the plan.</param>
    /// <param name="strengthSessionDays">Days on which strength exercises were logged.</param>
    public static IReadOnlyList<Guidance> For(DateOnly date, IReadOnlySet<DayOfWeek> strengthDays, IEnumerable<DateOnly> strengthSessionDays)
    {
        var list = new List<Guidance>();
        var yesterday = strengthSessionDays.Contains(date.AddDays(-1));
        if (yesterday)
        {
            list.Add(StrengthYesterday);
        }
        else if (strengthDays.Contains(date.DayOfWeek))
        {
            list.Add(StrengthDay);
        }

        if (!strengthDays.Contains(date.DayOfWeek))
        {
            list.Add(RestDay);
        }

        list.Add(StretchDaily);
        list.Add(WeeklyActivity);
        return list;
    }
}
