namespace HipRehab.Core.Assessment;

/// <summary>
/// The intake exactly as a client sends it (docs/api.md): text for every choice so that an unknown
/// value can be reported against its field instead of failing as unreadable JSON.
/// <see cref="IntakeValidator"/> turns it into a checked <see cref="Intake"/>.
/// </summary>
public sealed record IntakeForm
{
    public int? BirthYear { get; init; }
    public string? Sex { get; init; }
    public decimal? HeightCm { get; init; }
    public decimal? WeightKg { get; init; }
    public string? PainSide { get; init; }
    public string? PainLocation { get; init; }
    public string? Cause { get; init; }
    public int? PainNow { get; init; }
    public int? PainWorstLastWeek { get; init; }
    public int? SymptomWeeks { get; init; }
    public SurgeryForm? Surgery { get; init; }
    public IReadOnlyList<string>? RedFlags { get; init; }
    public bool? Pregnant { get; init; }
    public bool? Osteoporosis { get; init; }
    public AbilitiesForm? Abilities { get; init; }
    public IReadOnlyList<string>? Equipment { get; init; }
    public IReadOnlyList<string>? Goals { get; init; }
}

/// <summary>Surgery answers as sent.</summary>
public sealed record SurgeryForm
{
    public string? Kind { get; init; }
    public string? Approach { get; init; }
    public DateOnly? Date { get; init; }
}

/// <summary>Ability answers as sent.</summary>
public sealed record AbilitiesForm
{
    public bool? GetDownToFloor { get; init; }
    public bool? Kneel { get; init; }
    public bool? StandWithoutSupport { get; init; }
}
