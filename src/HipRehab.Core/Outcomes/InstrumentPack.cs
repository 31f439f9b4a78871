using System.Text.Json.Serialization;

namespace HipRehab.Core.Outcomes;

/// <summary>How a pack turns answers into its raw score.</summary>
public enum PackMethod
{
    /// <summary>The sum of the chosen options' scores; every item must be answered.</summary>
    [JsonStringEnumMemberName("sum")] Sum,

    /// <summary>The mean of the answered items' scores; up to <c>maxMissing</c> items may be left out.</summary>
    [JsonStringEnumMemberName("mean")] Mean,
}

/// <summary>One answer option of a pack item.</summary>
/// <param name="Label">The words shown.</param>
/// <param name="Score">Its score; unique within the item, and what a client sends as the answer.</param>
public sealed record PackOption(string Label, int Score);

/// <summary>One question of a pack.</summary>
/// <param name="Id">Unique within the pack.</param>
/// <param name="Text">The question as licensed.</param>
/// <param name="Options">Two or more options.</param>
public sealed record PackItem(string Id, string Text, IReadOnlyList<PackOption> Options)
{
    /// <summary>The lowest option score.</summary>
    public int Min => Options.Min(o => o.Score);

    /// <summary>The highest option score.</summary>
    public int Max => Options.Max(o => o.Score);
}

/// <summary>How answers become the score.</summary>
/// <param name="Method">Sum or mean of the option scores.</param>
/// <param name="RescaleTo100">When true, the raw score is mapped onto 0–100 (lowest possible → 0, highest → 100).</param>
/// <param name="Reverse">When true, the final score is flipped (high becomes low), after any rescaling.</param>
/// <param name="MaxMissing">How many items may be unanswered (mean only).</param>
/// <param name="Decimals">Decimal places kept in the final score (0–2).</param>
public sealed record PackScoring(PackMethod Method, bool RescaleTo100, bool Reverse, int MaxMissing, int Decimals);

/// <summary>
/// A licensed instrument an operator has loaded (HOOS, HOOS JR, Oxford Hip Score, …): its items,
/// scoring, meaningful change and licence note. The file format is documented in
/// <c>content/instruments/README.md</c>; none ships with the product.
/// </summary>
public sealed record InstrumentPack
{
    /// <summary>Kebab-case id, equal to the file name; never one of the built-in instrument names.</summary>
    public required string Id { get; init; }

    public required string Name { get; init; }

    /// <summary>The version of the instrument the pack holds.</summary>
    public required string Version { get; init; }

    /// <summary>Who licenses it and on what terms, shown to clinicians.</summary>
    public required string LicenceNote { get; init; }

    /// <summary>Instructions for the person.</summary>
    public required string Instructions { get; init; }

    public required IReadOnlyList<PackItem> Items { get; init; }

    public required PackScoring Scoring { get; init; }

    /// <summary>Which way the final score is better.</summary>
    public required ScoreDirection Direction { get; init; }

    /// <summary>The meaningful change in final-score units; null to follow as a trend only.</summary>
    public decimal? MeaningfulChange { get; init; }

    /// <summary>Where the meaningful change comes from.</summary>
    public string? MeaningfulChangeSource { get; init; }

    /// <summary>The lowest and highest final scores the pack can give.</summary>
    public (decimal Min, decimal Max) Range => Scoring.RescaleTo100 ? (0m, 100m)
        : Scoring.Method == PackMethod.Sum ? (Items.Sum(i => i.Min), Items.Sum(i => i.Max))
        : (Items.Min(i => i.Min), Items.Max(i => i.Max));
}
