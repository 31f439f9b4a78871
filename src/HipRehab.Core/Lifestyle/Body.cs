using System.Globalization;
using HipRehab.Core.Assessment;
using HipRehab.Core.Outcomes;

namespace HipRehab.Core.Lifestyle;

/// <summary>A body measurement as a client sends it (docs/api.md <c>POST /api/v1/me/body-measurements</c>).</summary>
public sealed record BodyMeasurementForm
{
    public DateOnly? Date { get; init; }
    public decimal? WeightKg { get; init; }
}

/// <summary>A dated weight.</summary>
/// <param name="Date">The day it was measured.</param>
/// <param name="WeightKg">Kilograms.</param>
public sealed record BodyMeasurement(DateOnly Date, decimal WeightKg);

/// <summary>Weight figures and the supportive weight offer (L1, L2).</summary>
/// <param name="Bmi">Body mass index to one decimal place; null without a height.</param>
/// <param name="WeightKg">The latest weight.</param>
/// <param name="WeightChangePercent">Change from the intake's weight, to one decimal place (negative = lost); null without a baseline.</param>
/// <param name="SupportOffered">True at a BMI of 25 or more (L1). It is an offer only: nothing in the product depends on it (L2).</param>
/// <param name="TargetWeightKg">When offered: the weight 5 % below the starting weight (L1's practical target).</param>
/// <param name="Text">Plain, kind words for the person.</param>
/// <param name="RuleIds">The rules behind the text.</param>
public sealed record WeightSummary(decimal? Bmi, decimal WeightKg, decimal? WeightChangePercent, bool SupportOffered, decimal? TargetWeightKg,
    string Text, IReadOnlyList<string> RuleIds);

/// <summary>
/// BMI and weight change. BMI is shown and used only to offer support (L1); it is never an input
/// to screening, planning or referral, and no function here can block anything (L2).
/// </summary>
public static class Body
{
    /// <summary>From this BMI, weight support is offered (L1).</summary>
    public const decimal SupportFromBmi = 25m;

    /// <summary>A loss of more than this percent is a practical target (L1).</summary>
    public const decimal TargetLossPercent = 5m;

    // The intake's own plausibility range, so a body measurement and an intake agree.
    private const decimal MinWeightKg = 20m;
    private const decimal MaxWeightKg = 400m;

    /// <summary>
    /// BMI = kg / m², to one decimal place. The threshold is compared with this rounded value, the
    /// one the person sees, so "25.0" never comes without the offer.
    /// </summary>
    public static decimal Bmi(decimal heightCm, decimal weightKg)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(heightCm);
        var metres = heightCm / 100m;
        return Math.Round(weightKg / (metres * metres), 1, MidpointRounding.AwayFromZero);
    }

    /// <summary>Percent change from <paramref name="baselineKg"/> to <paramref name="currentKg"/>, to one decimal place.</summary>
    public static decimal WeightChangePercent(decimal baselineKg, decimal currentKg)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(baselineKg);
        return Math.Round((currentKg - baselineKg) * 100m / baselineKg, 1, MidpointRounding.AwayFromZero);
    }

    /// <summary>Checks a body measurement: a date (not future, at most a year back) and a plausible weight.</summary>
    public static Validated<BodyMeasurement> Validate(BodyMeasurementForm? form, DateOnly today)
    {
        var errors = new FieldErrors();
        void Add(string field, string message) => errors.Add(field, message);

        if (form is null)
        {
            Add("body", "A measurement is required.");
        }
        else
        {
            OutcomeValidator.CheckDate(form.Date, today, Add);
            if (form.WeightKg is not decimal w)
            {
                Add("weightKg", "Give your weight in kilograms.");
            }
            else if (w < MinWeightKg || w > MaxWeightKg)
            {
                Add("weightKg", $"Must be from {MinWeightKg} to {MaxWeightKg} kg.");
            }
        }

        var result = errors.ToDictionary();
        return errors.Count > 0 || form is null
            ? new Validated<BodyMeasurement>(null, result)
            : new Validated<BodyMeasurement>(new BodyMeasurement(form.Date!.Value, form.WeightKg!.Value), result);
    }

    /// <summary>
    /// Summarises weight from the intake's height and weight (the baseline) and later measurements
    /// (the latest by date counts). Null when there is no weight at all.
    /// </summary>
    public static WeightSummary? Summarise(decimal? heightCm, decimal? intakeWeightKg, IEnumerable<BodyMeasurement> measurements)
    {
        var latest = measurements.OrderBy(m => m.Date).LastOrDefault()?.WeightKg ?? intakeWeightKg;
        if (latest is not decimal weight)
        {
            return null;
        }

        decimal? bmi = heightCm is decimal h && h > 0 ? Bmi(h, weight) : null;
        decimal? change = intakeWeightKg is decimal b && b > 0 ? WeightChangePercent(b, weight) : null;
        var offered = bmi >= SupportFromBmi;
        var start = intakeWeightKg ?? weight;
        decimal? target = offered ? Math.Round(start * (100m - TargetLossPercent) / 100m, 1, MidpointRounding.AwayFromZero) : null;

        // Without a height there is no BMI: the latest weight is still worth saying back.
        var text = bmi is decimal value ? $"Your BMI is {Num(value)}." : $"Your latest weight is {Num(weight)} kg.";
        if (change is decimal c && c != 0)
        {
            text += c < 0 ? $" Your weight is {Num(-c)} % lower than when you started." : $" Your weight is {Num(c)} % higher than when you started.";
        }

        if (offered)
        {
            text += change <= -TargetLossPercent
                ? " You have already reached the 5 % goal many people aim for. Well done; keeping it up helps your hips and your overall health."
                : $" If you would like, we can help you set a weight goal. For many people, losing a bit more than 5 % of their weight (to about {Num(target!.Value)} kg for you) makes moving easier and is good for overall health. This is only an offer: your exercises and your care do not depend on it.";
        }
        else if (bmi is not null)
        {
            text += " Staying active, as you are doing, helps keep a healthy weight.";
        }

        return new WeightSummary(bmi, weight, change, offered, target, text.Trim(), offered ? ["L1", "L2"] : ["L2"]);
    }

    private static string Num(decimal value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
