namespace HipRehab.Core.Library;

/// <summary>
/// How much of an exercise to do. <see cref="Reps"/> is null for pure holds (stretches) and
/// <see cref="HoldSeconds"/> is null for exercises without a hold.
/// </summary>
/// <param name="Sets">Sets per session, at least 1.</param>
/// <param name="Reps">Repetitions per set, or null.</param>
/// <param name="HoldSeconds">Seconds to hold each rep or stretch, or null.</param>
/// <param name="RestSeconds">Rest between sets.</param>
/// <param name="PerSide">True when the dose is done on each side in turn.</param>
/// <param name="Band">Band colour for banded exercises, else null.</param>
/// <param name="DaysPerWeek">How many days a week the exercise is scheduled.</param>
public sealed record Dose(int Sets, int? Reps, int? HoldSeconds, int RestSeconds, bool PerSide, Band? Band, int DaysPerWeek)
{
    /// <summary>A short plain description, e.g. "2 sets of 10 reps, each side".</summary>
    public string Describe()
    {
        var parts = new List<string>();
        var sets = Sets == 1 ? "1 set" : $"{Sets} sets";
        if (Reps is int reps)
        {
            parts.Add($"{sets} of {reps} reps");
            if (HoldSeconds is int hold)
            {
                parts.Add($"hold {hold} s each time");
            }
        }
        else if (HoldSeconds is int hold)
        {
            parts.Add(Sets == 1 ? $"hold {hold} s once" : $"hold {hold} s, {Sets} times");
        }
        else
        {
            parts.Add(sets);
        }

        if (Band is Band band)
        {
            parts.Add($"{Vocab<Band>.Name(band)} band");
        }

        if (PerSide)
        {
            parts.Add("each side");
        }

        return string.Join(", ", parts);
    }
}

/// <summary>
/// The top of the dose ladder inside one exercise variant (PM5, PM9). A null limit means that
/// kind of step does not apply to the variant.
/// </summary>
/// <param name="MaxReps">Reps grow toward this (15 in PM5).</param>
/// <param name="MaxSets">Sets grow toward this (3 in PM5).</param>
/// <param name="MaxHoldSeconds">Hold time grows toward this.</param>
/// <param name="HoldStepSeconds">How much one hold step adds.</param>
/// <param name="MaxBand">The strongest band used in this variant.</param>
public sealed record ProgressionLimits(int? MaxReps, int MaxSets, int? MaxHoldSeconds, int? HoldStepSeconds, Band? MaxBand);
