using HipRehab.Core.Assessment;

namespace HipRehab.Core.Outcomes;

/// <summary>A scored pack questionnaire.</summary>
/// <param name="PackId">The pack.</param>
/// <param name="Date">The day it was answered.</param>
/// <param name="Raw">The sum or mean of the chosen options' scores.</param>
/// <param name="Score">The final score after rescaling, reversing and rounding.</param>
/// <param name="Answered">How many items were answered.</param>
public sealed record PackResult(string PackId, DateOnly Date, decimal Raw, decimal Score, int Answered);

/// <summary>Scores a pack's answers exactly as the pack's scoring block says, and compares with a baseline.</summary>
public static class PackScorer
{
    /// <summary>
    /// Scores answers given as item id → the chosen option's score (null or absent = unanswered).
    /// Errors are keyed <c>answers.&lt;itemId&gt;</c>, or <c>answers</c> for too many missing.
    /// </summary>
    public static Validated<PackResult> Score(InstrumentPack pack, DateOnly date, IReadOnlyDictionary<string, int?>? answers)
    {
        ArgumentNullException.ThrowIfNull(pack);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        answers ??= new Dictionary<string, int?>();
        foreach (var key in answers.Keys.Where(k => pack.Items.All(i => i.Id != k)))
        {
            errors[$"answers.{key}"] = [$"'{key}' is not a question of {pack.Name}."];
        }

        var chosen = new List<(PackItem Item, int Score)>();
        foreach (var item in pack.Items)
        {
            if (!answers.TryGetValue(item.Id, out var answer) || answer is not int picked)
            {
                continue;
            }

            if (item.Options.All(o => o.Score != picked))
            {
                errors[$"answers.{item.Id}"] = [$"Choose one of the answers: {string.Join(", ", item.Options.Select(o => $"{o.Score} ({o.Label})"))}."];
            }
            else
            {
                chosen.Add((item, picked));
            }
        }

        var missing = pack.Items.Count - chosen.Count - errors.Keys.Count(k => pack.Items.Any(i => $"answers.{i.Id}" == k));
        if (missing > pack.Scoring.MaxMissing)
        {
            errors["answers"] = [pack.Scoring.MaxMissing == 0
                ? "Please answer every question."
                : $"Please answer all but at most {pack.Scoring.MaxMissing} of the questions."];
        }

        if (errors.Count > 0)
        {
            return new Validated<PackResult>(null, errors);
        }

        decimal raw, min, max;
        if (pack.Scoring.Method == PackMethod.Sum)
        {
            raw = chosen.Sum(c => c.Score);
            min = chosen.Sum(c => c.Item.Min);
            max = chosen.Sum(c => c.Item.Max);
        }
        else
        {
            raw = (decimal)chosen.Sum(c => c.Score) / chosen.Count;
            min = (decimal)chosen.Sum(c => c.Item.Min) / chosen.Count;
            max = (decimal)chosen.Sum(c => c.Item.Max) / chosen.Count;
        }

        var score = raw;
        if (pack.Scoring.RescaleTo100)
        {
            score = 100m * (raw - min) / (max - min);
            min = 0;
            max = 100;
        }

        if (pack.Scoring.Reverse)
        {
            score = min + max - score;
        }

        score = Math.Round(score, pack.Scoring.Decimals, MidpointRounding.AwayFromZero);
        return new Validated<PackResult>(new PackResult(pack.Id, date, Math.Round(raw, 2, MidpointRounding.AwayFromZero), score, chosen.Count), errors);
    }

    /// <summary>What a pack result means: its score and its change from the first result, against the pack's meaningful change.</summary>
    public static OutcomeInterpretation Interpret(InstrumentPack pack, PackResult result, PackResult? baseline)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(result);
        var (min, max) = pack.Range;
        var better = pack.Direction == ScoreDirection.HigherIsBetter ? "higher" : "lower";
        var change = baseline is null || baseline == result ? null : OutcomeScoring.Compare(baseline.Score, result.Score, pack.Direction, pack.MeaningfulChange);
        var text = $"Your {pack.Name} score is {OutcomeScoring.Num(result.Score)} on a scale from {OutcomeScoring.Num(min)} to {OutcomeScoring.Num(max)}, where {better} is better."
            + OutcomeScoring.ChangeText(change, "point");
        return new OutcomeInterpretation(text, []) { Change = change };
    }
}
