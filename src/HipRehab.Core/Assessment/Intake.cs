namespace HipRehab.Core.Assessment;

/// <summary>A checked intake: every value is known and in range.</summary>
public sealed record Intake
{
    /// <summary>Year of birth; only the year is asked so as to collect as little as possible.</summary>
    public required int BirthYear { get; init; }
    public required Sex Sex { get; init; }
    public decimal? HeightCm { get; init; }
    public decimal? WeightKg { get; init; }
    public required PainSide PainSide { get; init; }
    public required PainLocation PainLocation { get; init; }
    public required Cause Cause { get; init; }
    /// <summary>Pain now, 0–10.</summary>
    public required int PainNow { get; init; }
    public int? PainWorstLastWeek { get; init; }
    public int? SymptomWeeks { get; init; }
    public Surgery? Surgery { get; init; }
    public required IReadOnlySet<RedFlag> RedFlags { get; init; }
    public required bool Pregnant { get; init; }
    public required bool Osteoporosis { get; init; }
    public required Abilities Abilities { get; init; }
    public required IReadOnlySet<Equipment> Equipment { get; init; }
    public required IReadOnlySet<Goal> Goals { get; init; }

    /// <summary>
    /// Age this year. Only the birth year is known, so a person counts as 18 from 1 January of
    /// the year they turn 18.
    /// </summary>
    public int AgeIn(int year) => year - BirthYear;
}

/// <summary>A past hip operation.</summary>
/// <param name="Kind">What was done.</param>
/// <param name="Approach">The surgical approach of a hip replacement, if known.</param>
/// <param name="Date">The day of the operation, if known.</param>
public sealed record Surgery(SurgeryKind Kind, SurgeryApproach? Approach, DateOnly? Date);

/// <summary>What the person can do safely today.</summary>
/// <param name="GetDownToFloor">Can get down to the floor and back up.</param>
/// <param name="Kneel">Can kneel.</param>
/// <param name="StandWithoutSupport">Can stand without holding on.</param>
public sealed record Abilities(bool GetDownToFloor, bool Kneel, bool StandWithoutSupport);
