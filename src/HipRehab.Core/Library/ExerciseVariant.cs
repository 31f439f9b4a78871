namespace HipRehab.Core.Library;

/// <summary>One version of an exercise on its family's ladder (level 1 is the easiest).</summary>
public sealed record ExerciseVariant
{
    /// <summary>Unique id across the library.</summary>
    public required string Id { get; init; }

    /// <summary>The family id, e.g. <c>glute-bridge</c>.</summary>
    public required string Family { get; init; }

    /// <summary>The family's display name.</summary>
    public required string FamilyName { get; init; }

    /// <summary>The variant's display name.</summary>
    public required string Name { get; init; }

    /// <summary>1 is the easiest variant of the family.</summary>
    public required int Level { get; init; }

    /// <summary>True for the version the source article describes.</summary>
    public required bool FromArticle { get; init; }

    /// <summary>Strengthening or stretching.</summary>
    public required Category Category { get; init; }

    /// <summary>The starting position.</summary>
    public required Position Position { get; init; }

    /// <summary>Both legs together or each side in turn.</summary>
    public required Laterality Laterality { get; init; }

    /// <summary>True when the person holds a chair, counter or wall throughout (CX3).</summary>
    public required bool Supported { get; init; }

    /// <summary>Equipment needed.</summary>
    public required IReadOnlyList<Equipment> Equipment { get; init; }

    /// <summary>Movement demands (docs/clinical-rules.md §2.2).</summary>
    public required IReadOnlyList<Demand> Demands { get; init; }

    /// <summary>Goals the variant serves.</summary>
    public required IReadOnlyList<Goal> Goals { get; init; }

    /// <summary>The starting dose (D7).</summary>
    public required Dose DefaultDose { get; init; }

    /// <summary>The top of the dose inside this variant.</summary>
    public required ProgressionLimits Progression { get; init; }

    /// <summary>What to do, in order.</summary>
    public required IReadOnlyList<string> Steps { get; init; }

    /// <summary>Short reminders.</summary>
    public required IReadOnlyList<string> Cues { get; init; }

    /// <summary>Common mistakes.</summary>
    public required IReadOnlyList<string> Mistakes { get; init; }

    /// <summary>"Stop if" cautions.</summary>
    public required IReadOnlyList<string> Cautions { get; init; }

    /// <summary>Rules the content rests on.</summary>
    public required IReadOnlyList<string> RuleIds { get; init; }

    /// <summary>One repetition as key poses (content/README.md, "movement"); null only for a clinic's own exercise without one.</summary>
    public Movement.MovementData? Movement { get; init; }

    /// <summary>
    /// Pain locations for which the whole family is left out, whatever the variant's demands
    /// (e.g. the IT band stretch with pain on the outside of the hip, CX4 and the §4 ladder).
    /// </summary>
    public IReadOnlyList<PainLocation> OmitForPainLocations { get; init; } = [];
}

/// <summary>An exercise family: a ladder of variants, easiest first.</summary>
/// <param name="Id">Family id, e.g. <c>clamshell</c>.</param>
/// <param name="Name">Display name.</param>
/// <param name="Category">Strengthening or stretching.</param>
/// <param name="Summary">One or two plain sentences.</param>
/// <param name="Variants">The ladder, level 1 first.</param>
public sealed record ExerciseFamily(string Id, string Name, Category Category, string Summary, IReadOnlyList<ExerciseVariant> Variants)
{
    /// <summary>The version the source article describes.</summary>
    public ExerciseVariant ArticleVariant => Variants.First(v => v.FromArticle);
}
