using HipRehab.Core.Assessment;

namespace HipRehab.Core.Outcomes;

/// <summary>
/// Checks an <see cref="OutcomeForm"/> against the public contract and docs/clinical-rules.md §5, naming the
/// field of each problem (camelCase, as the client sent it) so the API can answer 400 with them.
/// </summary>
public static class OutcomeValidator
{
    /// <summary>How far back a record may be entered (docs/api.md conventions).</summary>
    public const int MaxDaysInPast = 365;

    /// <summary>The fewest PSFS activities (OM2: the person names 3–5).</summary>
    public const int PsfsMinActivities = 3;

    /// <summary>The most PSFS activities (OM2).</summary>
    public const int PsfsMaxActivities = 5;

    /// <summary>The longest PSFS activity name kept; longer is surely pasted text.</summary>
    public const int PsfsMaxNameLength = 200;

    // Plausibility limits, not clinical thresholds: they only catch typing mistakes.
    private const int ChairStandMax = 60;
    private const decimal TimedTestMaxSeconds = 600m;

    /// <summary>Validates the form; <paramref name="today"/> is the person's date (no future results).</summary>
    public static Validated<OutcomeResult> Validate(OutcomeForm? form, DateOnly today)
    {
        var errors = new FieldErrors();
        void Add(string field, string message) => errors.Add(field, message);

        if (form is null)
        {
            Add("body", "An outcome measure is required.");
            return Result(null);
        }

        Instrument? instrument = null;
        if (form.Instrument is null)
        {
            Add("instrument", $"Say which measure this is. Use one of: {string.Join(", ", Vocab<Instrument>.Names)}.");
        }
        else if (Vocab<Instrument>.TryParse(form.Instrument, out var parsed))
        {
            instrument = parsed;
        }
        else
        {
            Add("instrument", $"'{form.Instrument}' is not a known measure. Use one of: {string.Join(", ", Vocab<Instrument>.Names)}.");
        }

        CheckDate(form.Date, today, Add);

        decimal? score = null;
        IReadOnlyList<PsfsActivity> activities = [];
        switch (instrument)
        {
            case Instrument.Nprs:
                score = WholeNumber(form.Value, 0, 10, "Rate your pain from 0 (none) to 10 (worst imaginable).", Add);
                break;
            case Instrument.Pgic:
                score = WholeNumber(form.Value, 1, 7, "Pick an answer from 1 (very much improved) to 7 (very much worse).", Add);
                break;
            case Instrument.Sane:
                score = WholeNumber(form.Value, 0, 100, "Give a number from 0 to 100.", Add);
                break;
            case Instrument.ChairStand30s:
                score = WholeNumber(form.Value, 0, ChairStandMax, $"Give the number of full stands, from 0 to {ChairStandMax}.", Add);
                break;
            case Instrument.Tug or Instrument.FastWalk40m:
                score = Seconds(form.Seconds, Add);
                break;
            case Instrument.Psfs:
                activities = Psfs(form.Activities, Add);
                if (activities.Count > 0)
                {
                    score = PsfsScore(activities);
                }

                break;
        }

        if (errors.Count > 0 || instrument is null || score is null || form.Date is null)
        {
            return Result(null);
        }

        return Result(new OutcomeResult(instrument.Value, form.Date.Value, score.Value, activities));

        Validated<OutcomeResult> Result(OutcomeResult? value) =>
            new(value, errors.ToDictionary());
    }

    /// <summary>
    /// The PSFS score: the mean of the ratings, to 2 decimal places. Means of 3–5 whole numbers
    /// differ from their 2-place rounding by under 0.01, so no meaningful-change threshold
    /// (1.3, 2.3, 2.7, 2) can flip because of the rounding.
    /// </summary>
    public static decimal PsfsScore(IReadOnlyList<PsfsActivity> activities) =>
        Math.Round((decimal)activities.Sum(a => a.Score) / activities.Count, 2, MidpointRounding.AwayFromZero);

    /// <summary>Checks a record's date against docs/api.md: not in the future, not more than a year back.</summary>
    public static void CheckDate(DateOnly? date, DateOnly today, Action<string, string> add)
    {
        if (date is not DateOnly d)
        {
            add("date", "Give the date it was measured (YYYY-MM-DD).");
        }
        else if (d > today)
        {
            add("date", "The date cannot be in the future.");
        }
        else if (d < today.AddDays(-MaxDaysInPast))
        {
            add("date", $"The date cannot be more than {MaxDaysInPast} days ago.");
        }
    }

    private static decimal? WholeNumber(int? value, int min, int max, string hint, Action<string, string> add)
    {
        if (value is not int v)
        {
            add("value", $"A value is required. {hint}");
            return null;
        }

        if (v < min || v > max)
        {
            add("value", $"Must be a whole number from {min} to {max}. {hint}");
            return null;
        }

        return v;
    }

    private static decimal? Seconds(decimal? seconds, Action<string, string> add)
    {
        if (seconds is not decimal s)
        {
            add("seconds", "Give the time in seconds.");
            return null;
        }

        if (s <= 0 || s > TimedTestMaxSeconds)
        {
            add("seconds", $"Must be more than 0 and at most {TimedTestMaxSeconds} seconds.");
            return null;
        }

        return Math.Round(s, 2, MidpointRounding.AwayFromZero);
    }

    private static List<PsfsActivity> Psfs(IReadOnlyList<PsfsActivityForm>? forms, Action<string, string> add)
    {
        var list = new List<PsfsActivity>();
        if (forms is null || forms.Count < PsfsMinActivities || forms.Count > PsfsMaxActivities)
        {
            add("activities", $"Name from {PsfsMinActivities} to {PsfsMaxActivities} activities that your hip makes hard, and rate each from 0 to 10.");
            return [];
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var ok = true;
        for (var i = 0; i < forms.Count; i++)
        {
            var name = forms[i]?.Name?.Trim();
            if (string.IsNullOrEmpty(name))
            {
                add($"activities[{i}].name", "Name the activity.");
                ok = false;
            }
            else if (name.Length > PsfsMaxNameLength)
            {
                add($"activities[{i}].name", $"Keep the name to {PsfsMaxNameLength} characters.");
                ok = false;
            }
            else if (!names.Add(name))
            {
                add($"activities[{i}].name", "This activity is already listed.");
                ok = false;
            }

            if (forms[i]?.Score is not int score || score < 0 || score > 10)
            {
                add($"activities[{i}].score", "Rate the activity with a whole number from 0 (cannot do it) to 10 (as well as before).");
                ok = false;
            }
            else if (name is not null)
            {
                list.Add(new PsfsActivity(name, score));
            }
        }

        return ok ? list : [];
    }
}
