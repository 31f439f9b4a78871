namespace HipRehab.Core.Outcomes;

/// <summary>One row of the chair-stand norm table: the 25th–75th percentile of full stands in 30 seconds.</summary>
/// <param name="Sex">Female or male (the source reports only these two).</param>
/// <param name="MinAge">First age of the band, inclusive.</param>
/// <param name="MaxAge">Last age of the band, inclusive.</param>
/// <param name="Low">25th percentile.</param>
/// <param name="High">75th percentile.</param>
public sealed record ChairStandNorm(Sex Sex, int MinAge, int MaxAge, int Low, int High);

/// <summary>
/// The 30-second chair-stand norms of docs/clinical-rules.md §5 (OM5, Rikli &amp; Jones 1999). Kept as data so
/// a clinician can check them against the table line by line. There is no row for people under 60,
/// over 94 or of another sex: the source has none, so the count is shown as a trend without a band.
/// </summary>
public static class ChairStandNorms
{
    /// <summary>Fewer full stands than this means low function (OM5), whatever the age or sex.</summary>
    public const int LowFunctionBelow = 8;

    /// <summary>Every row of the table.</summary>
    public static IReadOnlyList<ChairStandNorm> Rows { get; } =
    [
        new(Sex.Female, 60, 64, 12, 17),
        new(Sex.Female, 65, 69, 11, 16),
        new(Sex.Female, 70, 74, 10, 15),
        new(Sex.Female, 75, 79, 10, 15),
        new(Sex.Female, 80, 84, 9, 14),
        new(Sex.Female, 85, 89, 8, 13),
        new(Sex.Female, 90, 94, 4, 11),
        new(Sex.Male, 60, 64, 14, 19),
        new(Sex.Male, 65, 69, 12, 18),
        new(Sex.Male, 70, 74, 12, 17),
        new(Sex.Male, 75, 79, 11, 17),
        new(Sex.Male, 80, 84, 10, 15),
        new(Sex.Male, 85, 89, 8, 14),
        new(Sex.Male, 90, 94, 7, 12),
    ];

    /// <summary>The norm row for an age and sex, or null when the table has none.</summary>
    public static ChairStandNorm? For(int age, Sex sex) =>
        Rows.FirstOrDefault(r => r.Sex == sex && age >= r.MinAge && age <= r.MaxAge);

    /// <summary>Where a count falls against a norm row: below the 25th, within, or above the 75th percentile.</summary>
    public static NormBand Band(int stands, ChairStandNorm norm) =>
        stands < norm.Low ? NormBand.Below : stands > norm.High ? NormBand.Above : NormBand.Within;
}
