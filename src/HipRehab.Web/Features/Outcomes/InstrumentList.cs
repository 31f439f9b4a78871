using HipRehab.Core;
using HipRehab.Core.Outcomes;

namespace HipRehab.Web.Features.Outcomes;

/// <summary>The instruments a person can record, for <c>GET /api/v1/instruments</c>.</summary>
public static class InstrumentList
{
    public static List<InstrumentResponse> All(InstrumentPacks packs) =>
        [.. InstrumentCatalogue.All.Select(BuiltIn), .. packs.All.Select(Pack)];

    private static InstrumentResponse BuiltIn(InstrumentInfo info)
    {
        // The value ranges are the public contract's (docs/api.md); the thresholds are Core's (OutcomeScoring, ChairStandNorms).
        (string[] Fields, decimal? Min, decimal? Max, string Meaning, decimal? Meaningful) spec = info.Instrument switch
        {
            Instrument.Nprs => (["value"], 0m, 10m,
                FormattableString.Invariant($"Lower is better. A change of {OutcomeScoring.NprsMeaningfulPoints:0.#} points, or a fall of {OutcomeScoring.NprsMeaningfulImprovementPercent:0} % from your first rating, is a change that matters."),
                (decimal?)OutcomeScoring.NprsMeaningfulPoints),
            Instrument.Psfs => (["activities"], 0m, 10m,
                FormattableString.Invariant($"Higher is better. The score is the average of your activities. A change of {OutcomeScoring.PsfsSmall} is small, {OutcomeScoring.PsfsMedium} medium and {OutcomeScoring.PsfsLarge} large."),
                OutcomeScoring.PsfsSmall),
            Instrument.Pgic => (["value"], 1m, 7m,
                $"1 means very much improved and 7 very much worse. Answers 1 and 2 (much or very much improved) mean the program is helping.",
                (decimal?)null),
            Instrument.Sane => (["value"], 0m, 100m, "Higher is better. It is followed as a trend over time.", null),
            Instrument.ChairStand30s => (["value"], 0m, (decimal?)null,
                $"Higher is better. It is compared with the usual range for your age and sex; fewer than {ChairStandNorms.LowFunctionBelow} stands means getting up from a chair takes a lot of effort.",
                null),
            Instrument.Tug => (["seconds"], (decimal?)null, (decimal?)null,
                FormattableString.Invariant($"Lower is better. {OutcomeScoring.TugFallRiskSeconds:0} seconds or more means a higher chance of falling; standing exercises are then done with a chair or counter within reach."),
                null),
            _ => (["seconds"], null, null, "Lower is better. It is followed as a trend, with your speed in metres per second.", null),
        };
        return new InstrumentResponse(Vocab<Instrument>.Name(info.Instrument), "built-in", info.Name, info.HowTo, spec.Fields, spec.Min, spec.Max, info.Direction,
            spec.Meaning, spec.Meaningful, info.NeedsHelper, [info.RuleId], info.Code, null, null, null);
    }

    private static InstrumentResponse Pack(InstrumentPack pack)
    {
        var (min, max) = pack.Range;
        var better = pack.Direction == ScoreDirection.HigherIsBetter ? "Higher" : "Lower";
        var meaning = pack.MeaningfulChange is decimal m
            ? FormattableString.Invariant($"{better} is better, on a scale from {min:0.##} to {max:0.##}. A change of {m:0.##} points is a change that matters ({pack.MeaningfulChangeSource}).")
            : FormattableString.Invariant($"{better} is better, on a scale from {min:0.##} to {max:0.##}. It is followed as a trend over time.");
        return new InstrumentResponse(pack.Id, "pack", pack.Name, pack.Instructions, ["answers"], min, max, pack.Direction, meaning, pack.MeaningfulChange,
            false, [], null, pack.Version, pack.LicenceNote, [.. pack.Items.Select(i => new InstrumentItemResponse(i.Id, i.Text, i.Options))]);
    }
}
