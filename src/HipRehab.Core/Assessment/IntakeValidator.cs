namespace HipRehab.Core.Assessment;

/// <summary>Either a value or the problems found, keyed by the camelCase field path the client sent.</summary>
/// <typeparam name="T">The checked value's type.</typeparam>
public sealed record Validated<T>(T? Value, IReadOnlyDictionary<string, string[]> Errors) where T : class
{
    /// <summary>True when there are no errors.</summary>
    public bool IsValid => Errors.Count == 0 && Value is not null;
}

/// <summary>Messages per field, in the order they were found; what every validator in Core collects.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public int Count => _errors.Count;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
    }

    public IReadOnlyDictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
}

/// <summary>Checks an <see cref="IntakeForm"/> against the public contract (docs/api.md).</summary>
public static class IntakeValidator
{
    /// <summary>The oldest birth year accepted; older is surely a typing mistake.</summary>
    public const int EarliestBirthYear = 1900;

    /// <summary>Validates the form. <paramref name="today"/> is the person's date (no future surgery dates).</summary>
    public static Validated<Intake> Validate(IntakeForm? form, DateOnly today)
    {
        var errors = new FieldErrors();
        void Add(string field, string message) => errors.Add(field, message);

        if (form is null)
        {
            Add("body", "An intake is required.");
            return Result(null);
        }

        if (form.BirthYear is not int birthYear)
        {
            Add("birthYear", "Enter your year of birth.");
        }
        else if (birthYear < EarliestBirthYear || birthYear > today.Year)
        {
            Add("birthYear", $"Year of birth must be from {EarliestBirthYear} to {today.Year}.");
        }

        var sex = Required<Sex>(form.Sex, "sex", Add);
        var painSide = Required<PainSide>(form.PainSide, "painSide", Add);
        var painLocation = Required<PainLocation>(form.PainLocation, "painLocation", Add);
        var cause = Required<Cause>(form.Cause, "cause", Add);
        var painNow = Pain(form.PainNow, "painNow", required: true, Add);
        var painWorst = Pain(form.PainWorstLastWeek, "painWorstLastWeek", required: false, Add);
        Range(form.SymptomWeeks, "symptomWeeks", 0, 5200, "weeks", Add);
        Range(form.HeightCm, "heightCm", 50m, 250m, "cm", Add);
        Range(form.WeightKg, "weightKg", 20m, 400m, "kg", Add);

        Surgery? surgery = null;
        if (form.Surgery is { } s)
        {
            var kind = Required<SurgeryKind>(s.Kind, "surgery.kind", Add);
            SurgeryApproach? approach = null;
            if (s.Approach is not null)
            {
                if (Vocab<SurgeryApproach>.TryParse(s.Approach, out var a))
                {
                    approach = a;
                }
                else
                {
                    Add("surgery.approach", Unknown<SurgeryApproach>(s.Approach));
                }
            }

            if (s.Date is DateOnly date && date > today)
            {
                Add("surgery.date", "The surgery date cannot be in the future.");
            }

            if (kind is SurgeryKind k)
            {
                surgery = new Surgery(k, approach, s.Date);
            }
        }

        var redFlags = Set<RedFlag>(form.RedFlags, "redFlags", Add);
        var equipment = Set<Equipment>(form.Equipment, "equipment", Add);
        var goals = Set<Goal>(form.Goals, "goals", Add);

        // Pregnancy needs a clinician's clearance (CX6), so a missing answer must not count as "no".
        if (form.Pregnant is null && sex is not Sex.Male)
        {
            Add("pregnant", "Say whether you are pregnant.");
        }

        if (form.Abilities is not { } ab || ab.GetDownToFloor is null || ab.Kneel is null || ab.StandWithoutSupport is null)
        {
            if (form.Abilities?.GetDownToFloor is null)
            {
                Add("abilities.getDownToFloor", "Say whether you can get down to the floor and back up.");
            }

            if (form.Abilities?.Kneel is null)
            {
                Add("abilities.kneel", "Say whether you can kneel.");
            }

            if (form.Abilities?.StandWithoutSupport is null)
            {
                Add("abilities.standWithoutSupport", "Say whether you can stand without holding on.");
            }
        }

        if (errors.Count > 0)
        {
            return Result(null);
        }

        return Result(new Intake
        {
            BirthYear = form.BirthYear!.Value,
            Sex = sex!.Value,
            HeightCm = form.HeightCm,
            WeightKg = form.WeightKg,
            PainSide = painSide!.Value,
            PainLocation = painLocation!.Value,
            Cause = cause!.Value,
            PainNow = painNow!.Value,
            PainWorstLastWeek = painWorst,
            SymptomWeeks = form.SymptomWeeks,
            Surgery = surgery,
            RedFlags = redFlags,
            Pregnant = form.Pregnant ?? false,
            Osteoporosis = form.Osteoporosis ?? false,
            Abilities = new Abilities(form.Abilities!.GetDownToFloor!.Value, form.Abilities.Kneel!.Value, form.Abilities.StandWithoutSupport!.Value),
            Equipment = equipment,
            Goals = goals,
        });

        Validated<Intake> Result(Intake? value) =>
            new(value, errors.ToDictionary());
    }

    private static string Unknown<T>(string? value) where T : struct, Enum =>
        $"'{value}' is not a known value. Use one of: {string.Join(", ", Vocab<T>.Names)}.";

    private static T? Required<T>(string? value, string field, Action<string, string> add) where T : struct, Enum
    {
        if (value is null)
        {
            add(field, $"This answer is required. Use one of: {string.Join(", ", Vocab<T>.Names)}.");
            return null;
        }

        if (Vocab<T>.TryParse(value, out var parsed))
        {
            return parsed;
        }

        add(field, Unknown<T>(value));
        return null;
    }

    private static int? Pain(int? value, string field, bool required, Action<string, string> add)
    {
        if (value is null)
        {
            if (required)
            {
                add(field, "Rate your pain from 0 (none) to 10 (worst imaginable).");
            }

            return null;
        }

        if (value is < 0 or > 10)
        {
            add(field, "Pain must be a whole number from 0 to 10.");
            return null;
        }

        return value;
    }

    private static void Range<TNum>(TNum? value, string field, TNum min, TNum max, string unit, Action<string, string> add)
        where TNum : struct, IComparable<TNum>
    {
        if (value is TNum v && (v.CompareTo(min) < 0 || v.CompareTo(max) > 0))
        {
            add(field, $"Must be from {min} to {max} {unit}.");
        }
    }

    private static HashSet<T> Set<T>(IReadOnlyList<string>? values, string field, Action<string, string> add) where T : struct, Enum
    {
        var set = new HashSet<T>();
        if (values is null)
        {
            return set;
        }

        for (var i = 0; i < values.Count; i++)
        {
            if (Vocab<T>.TryParse(values[i], out var v))
            {
                set.Add(v);
            }
            else
            {
                add($"{field}[{i}]", Unknown<T>(values[i]));
            }
        }

        return set;
    }
}
